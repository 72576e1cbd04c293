package io.perceptron.kernel.deps;

import io.perceptron.kernel.eval.CellClassPath;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The libraries a session's cells have asked for, in any cell language: Maven coordinates
 * ({@code %maven}, Kotlin's {@code @file:DependsOn}), repositories ({@code %maven --repo},
 * {@code @file:Repository}) and local jars ({@code %jars}). What they bring joins the
 * {@link CellClassPath} for the cell that asked and every later one; what the class path has
 * already is left out, with a line in the cell's output (see {@link ClassPathContents}).
 *
 * <pre>{@code
 * %maven org.apache.commons:commons-csv:1.10.0
 * val format = org.apache.commons.csv.CSVFormat.DEFAULT     // the next cell, or the rest of this one
 * }</pre>
 *
 * <p>Maven Resolver and the Maven settings are loaded on the first resolution, not before. Each
 * request is all or nothing: when one coordinate fails, nothing of that request is added, and the
 * message says what was tried.
 */
public final class CellDependencies implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CellDependencies.class.getName());

    private final CellClassPath classPath;
    private final Supplier<MavenSettings> settingsSource;
    private final Path workingFolder;
    private final ClassPathContents contents;
    /** Repositories named by cells, by id, in the order named. */
    private final Map<String, Repository> repositories = new LinkedHashMap<>();
    private MavenResolver resolver;

    /**
     * Dependencies for cells running on {@code classPath}, with this machine's Maven settings, and
     * local paths read relative to the kernel's working folder (the notebook's folder).
     */
    public CellDependencies(CellClassPath classPath) {
        this(classPath, MavenSettings::fromEnvironment, Path.of("").toAbsolutePath());
    }

    /**
     * @param classPath     where what is added goes
     * @param settings      read on the first resolution
     * @param workingFolder what relative paths in {@code %jars} and {@code --repo} are read against
     */
    public CellDependencies(CellClassPath classPath, Supplier<MavenSettings> settings, Path workingFolder) {
        this.classPath = classPath;
        this.settingsSource = settings;
        this.workingFolder = workingFolder;
        this.contents = new ClassPathContents(classPath);
    }

    /**
     * Adds a repository for this resolution and every later one.
     *
     * @param urlOrFolder an {@code http(s):} or {@code file:} URL, or the path of a Maven repository folder
     * @throws DependencyException if it is neither
     */
    public synchronized Repository addRepository(String urlOrFolder) {
        Repository repository = Repository.named(urlOrFolder, workingFolder);
        repositories.putIfAbsent(repository.id(), repository);
        return repository;
    }

    /** The repositories cells have named, in order; Maven Central comes after them. */
    public synchronized List<Repository> repositories() {
        return List.copyOf(repositories.values());
    }

    /**
     * Resolves {@code coordinates} with their dependencies and adds the jars to the cell class path,
     * reporting downloads, conflicts and what was added to {@code out}.
     *
     * @return the jars added
     * @throws DependencyException if a coordinate is malformed or cannot be resolved; nothing is added then
     */
    public synchronized List<Path> resolve(List<String> coordinates, PrintStream out) {
        List<Coordinate> parsed = coordinates.stream().map(Coordinate::parse).toList();
        if (parsed.isEmpty()) {
            throw new DependencyException(DependencyMessages.nothingToResolve());
        }
        long start = System.nanoTime();
        List<ResolvedArtifact> resolved = resolver().resolve(parsed, repositories(), out);
        LOG.fine(() -> "Resolved " + parsed + " to " + resolved.size() + " jars in "
                + (System.nanoTime() - start) / 1_000_000 + " ms");
        Set<String> asked = parsed.stream().map(Coordinate::key).collect(Collectors.toSet());
        List<Path> jars = new ArrayList<>();
        List<Coordinate> identities = new ArrayList<>();
        for (ResolvedArtifact artifact : resolved) {
            ClassPathContents.Verdict verdict = contents.check(artifact.coordinate(), artifact.file(),
                    asked.contains(artifact.coordinate().key()));
            verdict.note().ifPresent(out::println);
            if (verdict.add()) {
                jars.add(artifact.file());
                identities.add(artifact.coordinate());
            }
        }
        return addToClassPath(jars, identities, out);
    }

    /**
     * Adds local jars: each argument a jar, a folder of jars or a glob pattern such as {@code lib/*.jar}.
     *
     * @return the jars added
     * @throws DependencyException if an argument names no jar; nothing is added then
     */
    public synchronized List<Path> addJars(List<String> patterns, PrintStream out) {
        if (patterns.isEmpty()) {
            throw new DependencyException(DependencyMessages.nothingForJars());
        }
        List<Path> named = new ArrayList<>();
        for (String pattern : patterns) {
            named.addAll(JarPatterns.expand(pattern, workingFolder));
        }
        List<Path> jars = new ArrayList<>();
        List<Coordinate> identities = new ArrayList<>();
        for (Path jar : named.stream().distinct().toList()) {
            ClassPathContents.Verdict verdict = contents.check(null, jar, true);
            verdict.note().ifPresent(out::println);
            if (verdict.add()) {
                jars.add(jar);
                identities.add(null);
            }
        }
        return addToClassPath(jars, identities, out);
    }

    private List<Path> addToClassPath(List<Path> jars, List<Coordinate> identities, PrintStream out) {
        List<Path> added = classPath.add(jars);
        for (int i = 0; i < jars.size(); i++) {
            contents.recordAdded(jars.get(i), identities.get(i));
        }
        out.println(added.isEmpty() ? DependencyMessages.nothingAdded() : DependencyMessages.added(added));
        out.flush();
        return added;
    }

    /** The resolver, created with the Maven settings on first use. */
    private MavenResolver resolver() {
        if (resolver == null) {
            resolver = new MavenResolver(settingsSource.get());
        }
        return resolver;
    }

    @Override
    public synchronized void close() {
        if (resolver != null) {
            resolver.close();
            resolver = null;
        }
    }

    @Override
    public synchronized String toString() {
        return "CellDependencies(" + classPath.added().size() + " jars added, repositories " + repositories.keySet() + ")";
    }
}
