package io.perceptron.kernel.deps;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;
import org.eclipse.aether.transfer.RepositoryOfflineException;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.DefaultMirrorSelector;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

/**
 * Resolves coordinates and everything they depend on with Maven Resolver, as {@code mvn} would for a
 * project's runtime class path: the local repository first, then the remote repositories in order
 * (mirrors from settings.xml applied), Maven's nearest-wins rule for versions that differ.
 *
 * <p>This is the only class that touches Maven Resolver, and it is created on the first
 * {@code %maven}: a kernel whose cells never ask for a library never loads the resolver.
 *
 * <p>A remote that cannot be reached fails at once (no network: the address does not resolve) or
 * after {@value #CONNECT_TIMEOUT_MS} ms (packets dropped); one that stops sending mid-download after
 * {@value #REQUEST_TIMEOUT_MS} ms. Maven's own defaults are 30 s and 30 minutes, far too long for a
 * notebook cell that waits on them.
 */
final class MavenResolver implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MavenResolver.class.getName());

    static final int CONNECT_TIMEOUT_MS = 5_000;
    static final int REQUEST_TIMEOUT_MS = 30_000;
    /** One retry of a failed request (not of a refused or unresolvable connection, which never retry). */
    private static final int RETRIES = 1;
    /** Scope of what a cell asks for: it and its compile and runtime dependencies, as a program's class path. */
    private static final String SCOPE = "compile";
    private static final String RUNTIME = "runtime";

    private final MavenSettings settings;
    private final RepositorySystem system;

    MavenResolver(MavenSettings settings) {
        this.settings = settings;
        this.system = new RepositorySystemSupplier().get();
    }

    /**
     * Resolves {@code coordinates} and their runtime dependencies from {@code repositories} (in
     * order, then Maven Central), printing downloads to {@code out}.
     *
     * @return every jar, the requested ones first, then their dependencies
     * @throws DependencyException naming what could not be resolved, where it was looked for and what to do
     */
    List<ResolvedArtifact> resolve(List<Coordinate> coordinates, List<Repository> repositories, PrintStream out) {
        try (RepositorySystemSession.CloseableSession session = session(out)) {
            List<RemoteRepository> remotes = system.newResolutionRepositories(session, remotes(repositories));
            List<Dependency> dependencies = coordinates.stream().map(MavenResolver::dependency).toList();
            CollectRequest collect = new CollectRequest(dependencies, List.of(), remotes);
            DependencyRequest request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(RUNTIME));
            try {
                return system.resolveDependencies(session, request).getArtifactResults().stream()
                        .map(result -> new ResolvedArtifact(coordinateOf(result.getArtifact()), result.getArtifact().getPath()))
                        .toList();
            } catch (DependencyResolutionException e) {
                LOG.log(Level.FINE, "Resolution of " + coordinates + " failed", e);
                throw failure(coordinates, e);
            } catch (RuntimeException e) {
                // A resolver bug or a broken local repository: still one message, naming what was asked.
                LOG.log(Level.WARNING, "Resolution of " + coordinates + " failed", e);
                throw new DependencyException(DependencyMessages.resolutionFailed(coordinates, describe(e),
                        settings.describeLocalRepository()), e);
            }
        }
    }

    private RepositorySystemSession.CloseableSession session(PrintStream out) {
        DefaultMirrorSelector mirrors = new DefaultMirrorSelector();
        for (MavenSettings.Mirror mirror : settings.mirrors()) {
            mirrors.add(mirror.id(), mirror.url(), "default", false, false, mirror.mirrorOf(), null);
        }
        return new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(settings.localRepository())
                .setOffline(settings.offline())
                .setMirrorSelector(mirrors)
                .setTransferListener(new DownloadProgress(out))
                // Look again every time: a user who fixes a coordinate or comes back online must not be
                // told "cached in the local repository" until some update interval has passed.
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED))
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, CONNECT_TIMEOUT_MS)
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, REQUEST_TIMEOUT_MS)
                .setConfigProperty(ConfigurationProperties.HTTP_RETRY_HANDLER_COUNT, RETRIES)
                // Offline means no network; a folder on this machine is still fine to read.
                .setConfigProperty("aether.offline.protocols", "file")
                .build();
    }

    /** The cell's repositories in the order named, then Maven Central. */
    private List<RemoteRepository> remotes(List<Repository> repositories) {
        List<RemoteRepository> remotes = new ArrayList<>();
        for (Repository repository : repositories) {
            remotes.add(new RemoteRepository.Builder(repository.id(), "default", repository.url()).build());
        }
        Repository central = settings.central();
        remotes.add(new RemoteRepository.Builder(central.id(), "default", central.url()).build());
        return remotes;
    }

    private static Dependency dependency(Coordinate coordinate) {
        return new Dependency(new DefaultArtifact(coordinate.groupId(), coordinate.artifactId(), coordinate.classifier(),
                coordinate.extension(), coordinate.version()), SCOPE);
    }

    private static Coordinate coordinateOf(Artifact artifact) {
        return new Coordinate(artifact.getGroupId(), artifact.getArtifactId(), artifact.getExtension(),
                artifact.getClassifier(), artifact.getVersion());
    }

    // --------------------------------------------------------------------------- the message

    /** The library an artifact belongs to, as a cell names it: a missing POM is the library's, not a "pom" artifact. */
    private static Coordinate libraryOf(Artifact artifact) {
        Coordinate coordinate = coordinateOf(artifact);
        return coordinate.extension().equals("pom")
                ? new Coordinate(coordinate.groupId(), coordinate.artifactId(), "jar", coordinate.classifier(), coordinate.version())
                : coordinate;
    }

    /** The message for a failed resolution: the first artifact missing, and how each repository answered. */
    private DependencyException failure(List<Coordinate> requested, DependencyResolutionException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ArtifactResolutionException resolution) {
                for (ArtifactResult result : resolution.getResults()) {
                    if (!result.isResolved()) {
                        return new DependencyException(DependencyMessages.notResolved(requested,
                                libraryOf(result.getRequest().getArtifact()).toString(),
                                settings.describeLocalRepository(), attempts(result)), e);
                    }
                }
            }
        }
        List<Exception> collectErrors = e.getResult() == null ? List.of() : e.getResult().getCollectExceptions();
        Throwable reason = collectErrors.isEmpty() ? e : collectErrors.get(0);
        return new DependencyException(DependencyMessages.resolutionFailed(requested, describe(reason),
                settings.describeLocalRepository()), e);
    }

    /** How each remote repository answered for one artifact, in the order asked. */
    private static List<DependencyMessages.Attempt> attempts(ArtifactResult result) {
        Map<String, DependencyMessages.Attempt> byRepository = new LinkedHashMap<>();
        for (Exception exception : result.getExceptions()) {
            if (!(exception instanceof ArtifactTransferException transfer) || transfer.getRepository() == null) {
                continue;
            }
            RemoteRepository repository = transfer.getRepository();
            byRepository.putIfAbsent(repository.getId(), new DependencyMessages.Attempt(name(repository),
                    outcome(transfer), reachable(transfer)));
        }
        return List.copyOf(byRepository.values());
    }

    /** {@code id (url)}, and the repository it stands in for when it is a mirror. */
    private static String name(RemoteRepository repository) {
        String mirrorOf = repository.getMirroredRepositories().stream().map(RemoteRepository::getId)
                .reduce((a, b) -> a + ", " + b).map(ids -> ", mirror of " + ids).orElse("");
        String described = Repository.describe(repository.getId(), repository.getUrl());
        return mirrorOf.isEmpty() ? described : described.substring(0, described.length() - 1) + mirrorOf + ")";
    }

    private static String outcome(ArtifactTransferException transfer) {
        if (isOffline(transfer)) {
            return DependencyMessages.offlineSkipped();
        }
        if (transfer instanceof ArtifactNotFoundException) {
            return DependencyMessages.NOT_FOUND;
        }
        Throwable root = rootCause(transfer);
        if (root instanceof java.net.UnknownHostException || root instanceof java.net.ConnectException
                || root instanceof java.net.SocketTimeoutException || root instanceof java.net.NoRouteToHostException) {
            return DependencyMessages.unreachable(describe(root));
        }
        return DependencyMessages.failed(describe(root));
    }

    private static boolean reachable(ArtifactTransferException transfer) {
        return transfer instanceof ArtifactNotFoundException && !isOffline(transfer);
    }

    private static boolean isOffline(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof RepositoryOfflineException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** An exception as one line: its simple name and message, never a bare "null". */
    private static String describe(Throwable error) {
        String message = error.getMessage();
        String name = error instanceof RepositoryException ? "" : error.getClass().getSimpleName() + ": ";
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : name + message;
    }

    @Override
    public void close() {
        system.shutdown();
    }
}
