package io.perceptron.kernel.deps;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.aether.transfer.AbstractTransferListener;
import org.eclipse.aether.transfer.TransferEvent;
import org.eclipse.aether.transfer.TransferResource;

/**
 * Shows downloads in the cell's output: a line for each file downloaded, and, while a file takes
 * longer, how far it got, about once a second. Checksums and lookups that found nothing stay quiet:
 * the result or the error message says what matters.
 * <pre>
 * Downloading commons-csv-1.10.0.jar from central: 0.9 MB of 2.1 MB
 * Downloaded commons-csv-1.10.0.jar (2.1 MB) from central
 * </pre>
 */
final class DownloadProgress extends AbstractTransferListener {

    /** How often a long download reports how far it got. */
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintStream out;
    /** When each running download last reported (or started), by resource. */
    private final Map<TransferResource, Long> lastReport = new ConcurrentHashMap<>();

    DownloadProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void transferStarted(TransferEvent event) {
        if (shown(event)) {
            lastReport.put(event.getResource(), System.nanoTime());
        }
    }

    @Override
    public void transferProgressed(TransferEvent event) {
        TransferResource resource = event.getResource();
        Long last = lastReport.get(resource);
        long now = System.nanoTime();
        if (last != null && now - last >= PROGRESS_EVERY_NANOS) {
            lastReport.put(resource, now);
            long total = resource.getContentLength();
            print(DependencyMessages.downloading(fileName(resource), repositoryOf(resource),
                    size(event.getTransferredBytes()), total > 0 ? size(total) : ""));
        }
    }

    @Override
    public void transferSucceeded(TransferEvent event) {
        TransferResource resource = event.getResource();
        if (lastReport.remove(resource) != null) {
            print(DependencyMessages.downloaded(fileName(resource), size(event.getTransferredBytes()), repositoryOf(resource)));
        }
    }

    @Override
    public void transferFailed(TransferEvent event) {
        lastReport.remove(event.getResource());
    }

    @Override
    public void transferCorrupted(TransferEvent event) {
        lastReport.remove(event.getResource());
    }

    /** Downloads of artifacts and POMs; not uploads, not checksum or signature files. */
    private static boolean shown(TransferEvent event) {
        String name = event.getResource().getResourceName();
        return event.getRequestType() == TransferEvent.RequestType.GET
                && !name.matches(".*\\.(sha1|sha256|sha512|md5|asc)$");
    }

    private static String fileName(TransferResource resource) {
        String name = resource.getResourceName();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** {@code central}, a mirror's id from settings.xml, or the URL of a repository a cell named. */
    private static String repositoryOf(TransferResource resource) {
        String id = resource.getRepositoryId();
        return Repository.isMadeFromUrl(id, resource.getRepositoryUrl()) ? resource.getRepositoryUrl() : id;
    }

    /** Bytes as a person reads them: {@code 840 B}, {@code 54 kB}, {@code 3.4 MB}. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        if (bytes < 1_000_000) {
            return Math.round(bytes / 1000.0) + " kB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    /** Downloads run on the resolver's threads: one line at a time. */
    private synchronized void print(String line) {
        out.println(line);
        out.flush();
    }
}
