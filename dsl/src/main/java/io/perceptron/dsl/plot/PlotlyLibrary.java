package io.perceptron.dsl.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * plotly.js, as shipped in the {@code org.webjars.npm:plotly.js-dist} jar, and the bookkeeping
 * that sends it to a notebook once per session rather than with every figure.
 *
 * <p>The library is 11 MB of unminified JavaScript (the only build of 3.x on Maven Central). It
 * travels gzip-compressed and base64-encoded inside the figure's HTML, 2.6 MB, and the browser
 * unpacks it with its built-in {@code DecompressionStream}. It is packed once per JVM, on first
 * use (about 0.3 s).
 *
 * <p>Two outputs per session carry it, each at most once:
 * <ul>
 *   <li>the first figure output: an output kept in the notebook, so an HTML export (which runs
 *       every output's HTML, in order) and a re-executed notebook draw every figure;</li>
 *   <li>the first live plot's first display: live updates are HTML only, and in JupyterLab with
 *       a Plotly renderer the first figure's HTML is never run, so the page would otherwise have
 *       no plotly.js for them. That display is replaced by its updates and not kept.</li>
 * </ul>
 */
final class PlotlyLibrary {
    private static final String WEBJAR = "plotly.js-dist";
    private static final String POM_PROPERTIES = "/META-INF/maven/org.webjars.npm/" + WEBJAR + "/pom.properties";

    private static boolean sentInOutput;
    private static boolean sentToLivePlot;

    private PlotlyLibrary() {
    }

    private static String version;
    private static String packed;
    private static int rawSize;

    /** The plotly.js version on the class path, read from the WebJar so it is pinned in one place (the pom). */
    static synchronized String version() {
        if (version == null) {
            version = readVersion();
        }
        return version;
    }

    /** plotly.js, gzip-compressed and base64-encoded; read and packed on first use only. */
    static synchronized String packed() {
        if (packed == null) {
            byte[] script = readScript(version());
            rawSize = script.length;
            packed = Base64.getEncoder().encodeToString(gzip(script));
        }
        return packed;
    }

    /** The size of plotly.js itself, in bytes. */
    static synchronized int rawSize() {
        packed();
        return rawSize;
    }

    /** Whether this figure output should carry plotly.js: true once per session. */
    static synchronized boolean claimForOutput() {
        boolean first = !sentInOutput;
        sentInOutput = true;
        return first;
    }

    /** Whether this live plot's first display should carry plotly.js: true once per session. */
    static synchronized boolean claimForLivePlot() {
        boolean first = !sentToLivePlot;
        sentToLivePlot = true;
        return first;
    }

    /** Makes the next figure and the next live plot carry plotly.js again. */
    static synchronized void forget() {
        sentInOutput = false;
        sentToLivePlot = false;
    }

    private static String readVersion() {
        try (InputStream in = PlotlyLibrary.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw PlotErrors.plotlyMissing(WEBJAR);
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readScript(String version) {
        String path = "/META-INF/resources/webjars/" + WEBJAR + "/" + version + "/plotly.js";
        try (InputStream in = PlotlyLibrary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw PlotErrors.plotlyMissing(WEBJAR);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] data) {
        // The default level: the best level saves 1.3% more for 2.7 times the time (measured).
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 5);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
