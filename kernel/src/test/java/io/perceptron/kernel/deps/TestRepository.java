package io.perceptron.kernel.deps;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A Maven repository in a folder, written by a test: jars of classes compiled from Java source
 * (or given as raw entries) and POMs naming their dependencies, laid out as Maven lays them out.
 * Serves as a remote ({@link #url()}) or as a local repository.
 *
 * <pre>{@code
 * var repo = new TestRepository(tempDir.resolve("remote"));
 * repo.publish("io.perceptron.test:words:1.0", Map.of("test.words.Words", "..."), List.of());
 * }</pre>
 */
public final class TestRepository {

    private final Path root;

    public TestRepository(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** The repository's {@code file:} URL. */
    public String url() {
        return root.toUri().toString();
    }

    /**
     * Publishes {@code coordinate} (group:artifact:version) with its {@code classes} compiled from
     * Java source (class name to source) and a POM depending on {@code dependencies}.
     *
     * @param classPath what the sources compile against (the jars of their dependencies)
     * @return the jar
     */
    public Path publish(String coordinate, Map<String, String> classes, List<String> dependencies, List<Path> classPath) {
        return publishEntries(coordinate, compile(classes, classPath), dependencies);
    }

    /** Publishes {@code coordinate} with a jar of the given raw {@code entries} (name to bytes). */
    public Path publishEntries(String coordinate, Map<String, byte[]> entries, List<String> dependencies) {
        String[] parts = coordinate.split(":");
        String group = parts[0];
        String artifact = parts[1];
        String version = parts[2];
        Path folder = root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Path jar = folder.resolve(artifact + "-" + version + ".jar");
        writeJar(jar, entries);
        writeSha1(jar);
        String dependencyXml = dependencies.stream().map(dependency -> {
            String[] d = dependency.split(":");
            return "    <dependency><groupId>" + d[0] + "</groupId><artifactId>" + d[1] + "</artifactId><version>"
                    + d[2] + "</version></dependency>\n";
        }).collect(Collectors.joining());
        String pom = "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>" + group + "</groupId>\n  <artifactId>" + artifact + "</artifactId>\n  <version>" + version
                + "</version>\n  <dependencies>\n" + dependencyXml + "  </dependencies>\n</project>\n";
        Path pomFile = folder.resolve(artifact + "-" + version + ".pom");
        write(pomFile, pom.getBytes(StandardCharsets.UTF_8));
        writeSha1(pomFile);
        return jar;
    }

    /** Writes a jar of {@code entries} (name to bytes) at {@code jar}. */
    public static Path writeJar(Path jar, Map<String, byte[]> entries) {
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    zip.write(entry.getValue());
                    zip.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code pom.properties} entry, as Maven puts into the jars it builds. */
    public static Map.Entry<String, byte[]> pomProperties(String group, String artifact, String version) {
        String text = "groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n";
        return Map.entry("META-INF/maven/" + group + "/" + artifact + "/pom.properties", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Compiles Java {@code sources} (class name to source) against {@code classPath}; class files by entry name. */
    public static Map<String, byte[]> compile(Map<String, String> sources, List<Path> classPath) {
        if (sources.isEmpty()) {
            return Map.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try {
            Path work = Files.createTempDirectory("perceptron-test-javac");
            List<String> arguments = new ArrayList<>(List.of("-d", work.resolve("classes").toString(), "--release", "17"));
            if (!classPath.isEmpty()) {
                arguments.add("-cp");
                arguments.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
            }
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = work.resolve("src").resolve(source.getKey().replace('.', '/') + ".java");
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue());
                arguments.add(file.toString());
            }
            int status = javac.run(null, null, null, arguments.toArray(String[]::new));
            if (status != 0) {
                throw new IllegalStateException("javac failed on " + sources.keySet());
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            Path output = work.resolve("classes");
            try (Stream<Path> files = Files.walk(output)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    classes.put(output.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checksum file a Maven repository keeps beside every file, which the resolver checks. */
    private static void writeSha1(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file));
            write(file.resolveSibling(file.getFileName() + ".sha1"), HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
