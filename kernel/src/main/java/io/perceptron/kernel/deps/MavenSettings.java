package io.perceptron.kernel.deps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Where Maven looks on this machine, read the way Maven itself reads it, so a cell finds what
 * {@code mvn} already downloaded and uses the same mirrors:
 * <ul>
 *   <li>the local repository: {@code -Dmaven.repo.local=...} given to the kernel's JVM, or in the
 *       {@code MAVEN_ARGS} or {@code MAVEN_OPTS} environment variables; else
 *       {@code <localRepository>} in the settings file; else {@code ~/.m2/repository};</li>
 *   <li>the settings file: {@code -s FILE} / {@code --settings FILE} in {@code MAVEN_ARGS}, else
 *       {@code ~/.m2/settings.xml} if it exists;</li>
 *   <li>Maven Central's address: {@code -Dmaven.repo.central=URL} as above, else Maven's default;</li>
 *   <li>offline: {@code -o} / {@code --offline} in {@code MAVEN_ARGS}, or {@code <offline>true}
 *       in the settings file (then only the local repository and {@code file:} repositories are used);</li>
 *   <li>mirrors: {@code <mirrors>} in the settings file ({@code <mirrorOf>} as Maven reads it).</li>
 * </ul>
 * Proxies, servers and credentials in the settings file are not read yet.
 *
 * @param localRepository       the local repository folder
 * @param localRepositoryOrigin where that choice came from, for messages ({@code "default"} if nowhere)
 * @param central               Maven Central (id {@code central})
 * @param offline               whether remote repositories may be contacted
 * @param mirrors               the settings file's mirrors, in its order
 * @param settingsFile          the settings file read, if any
 */
public record MavenSettings(Path localRepository, String localRepositoryOrigin, Repository central,
                            boolean offline, List<Mirror> mirrors, Optional<Path> settingsFile) {

    /**
     * A {@code <mirror>} of the settings file.
     *
     * @param id       its id
     * @param url      where requests go instead
     * @param mirrorOf which repositories it replaces: {@code central}, {@code *}, {@code external:*}, {@code a,!b}
     */
    public record Mirror(String id, String url, String mirrorOf) {
    }

    /** Where the local repository is when nothing names one. */
    static final String DEFAULT_ORIGIN = "default";
    private static final String REPO_LOCAL = "maven.repo.local";
    private static final String REPO_CENTRAL = "maven.repo.central";
    /**
     * Maven Central as Maven defines it (maven-model-builder's {@code ModelInterpolator}); a
     * compile-time constant, so reading it loads nothing at kernel start.
     */
    private static final String DEFAULT_CENTRAL_URL =
            org.apache.maven.model.interpolation.ModelInterpolator.DEFAULT_MAVEN_REPO_CENTRAL_URL;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    public MavenSettings {
        mirrors = List.copyOf(mirrors);
    }

    /** The settings of this kernel's environment (see the class comment). */
    public static MavenSettings fromEnvironment() {
        return read(System.getenv(), System.getProperties(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The settings that {@code environment}, the JVM's {@code systemProperties} and the user's home
     * folder give.
     *
     * @throws DependencyException if the settings file cannot be read
     */
    static MavenSettings read(Map<String, String> environment, Properties systemProperties, Path userHome) {
        List<String> mavenArgs = Arguments.split(environment.getOrDefault("MAVEN_ARGS", ""));
        List<String> mavenOpts = Arguments.split(environment.getOrDefault("MAVEN_OPTS", ""));

        Optional<Path> settingsFile = Arguments.settingsFile(mavenArgs)
                .map(file -> userHome.resolve(file.startsWith("~/") ? file.substring(2) : file))
                .or(() -> Optional.of(userHome.resolve(".m2/settings.xml")).filter(Files::isRegularFile));
        SettingsFile settings = settingsFile.map(file -> SettingsFile.read(file, environment, systemProperties, userHome))
                .orElse(SettingsFile.EMPTY);

        Path localRepository = userHome.resolve(".m2/repository");
        String origin = DEFAULT_ORIGIN;
        Optional<String> named = property(REPO_LOCAL, systemProperties, mavenArgs, mavenOpts);
        if (named.isPresent()) {
            localRepository = userHome.resolve(named.get());
            origin = "set by -D" + REPO_LOCAL + " in " + originOf(REPO_LOCAL, systemProperties, mavenArgs);
        } else if (settings.localRepository != null) {
            localRepository = userHome.resolve(settings.localRepository);
            origin = "set by <localRepository> in " + settingsFile.orElseThrow();
        }
        String centralUrl = property(REPO_CENTRAL, systemProperties, mavenArgs, mavenOpts).orElse(DEFAULT_CENTRAL_URL);
        boolean offline = mavenArgs.contains("-o") || mavenArgs.contains("--offline") || settings.offline;
        return new MavenSettings(localRepository.toAbsolutePath().normalize(), origin,
                new Repository(Repository.CENTRAL_ID, centralUrl), offline, settings.mirrors, settingsFile);
    }

    /** {@code name} from the JVM's properties, else a {@code -Dname=value} in MAVEN_ARGS, else in MAVEN_OPTS. */
    private static Optional<String> property(String name, Properties systemProperties, List<String> mavenArgs,
                                             List<String> mavenOpts) {
        return Optional.ofNullable(systemProperties.getProperty(name))
                .or(() -> Arguments.define(mavenArgs, name))
                .or(() -> Arguments.define(mavenOpts, name));
    }

    private static String originOf(String name, Properties systemProperties, List<String> mavenArgs) {
        if (systemProperties.getProperty(name) != null) {
            return "the kernel's JVM options";
        }
        return Arguments.define(mavenArgs, name).isPresent() ? "MAVEN_ARGS" : "MAVEN_OPTS";
    }

    /** The local repository for messages: its path, and what chose it unless it is the default. */
    public String describeLocalRepository() {
        return localRepository + (localRepositoryOrigin.equals(DEFAULT_ORIGIN) ? "" : " (" + localRepositoryOrigin + ")");
    }

    /** The command-line words of MAVEN_ARGS and MAVEN_OPTS that matter here. */
    static final class Arguments {
        private Arguments() {
        }

        /** Splits on spaces outside quotes, as a shell would for these simple cases. */
        static List<String> split(String line) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            char quote = 0;
            boolean inWord = false;
            for (char c : line.toCharArray()) {
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                    inWord = true;
                } else if (Character.isWhitespace(c)) {
                    if (inWord) {
                        words.add(word.toString());
                        word.setLength(0);
                        inWord = false;
                    }
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            if (inWord) {
                words.add(word.toString());
            }
            return words;
        }

        /** The value of the last {@code -Dname=value} in {@code words}. */
        static Optional<String> define(List<String> words, String name) {
            String prefix = "-D" + name + "=";
            String found = null;
            for (String word : words) {
                if (word.startsWith(prefix)) {
                    found = word.substring(prefix.length());
                }
            }
            return Optional.ofNullable(found).filter(value -> !value.isBlank());
        }

        /** The file after {@code -s} or {@code --settings} (or {@code --settings=FILE}). */
        static Optional<String> settingsFile(List<String> words) {
            String found = null;
            for (int i = 0; i < words.size(); i++) {
                String word = words.get(i);
                if ((word.equals("-s") || word.equals("--settings")) && i + 1 < words.size()) {
                    found = words.get(++i);
                } else if (word.startsWith("--settings=")) {
                    found = word.substring("--settings=".length());
                }
            }
            return Optional.ofNullable(found);
        }
    }

    /** What a settings.xml says about the local repository, offline mode and mirrors. */
    private record SettingsFile(String localRepository, boolean offline, List<Mirror> mirrors) {
        static final SettingsFile EMPTY = new SettingsFile(null, false, List.of());

        static SettingsFile read(Path file, Map<String, String> environment, Properties systemProperties, Path userHome) {
            Document document;
            try {
                DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
                factory.setNamespaceAware(true);
                // A settings file is configuration, not a web page: no external entities.
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                DocumentBuilder builder = factory.newDocumentBuilder();
                // The parser's default handler prints "[Fatal Error] ..." to stderr, which is the cell's:
                // the message below says it once, with the fix.
                builder.setErrorHandler(new ErrorHandler() {
                    @Override
                    public void warning(SAXParseException exception) {
                    }

                    @Override
                    public void error(SAXParseException exception) throws SAXException {
                        throw exception;
                    }

                    @Override
                    public void fatalError(SAXParseException exception) throws SAXException {
                        throw exception;
                    }
                });
                document = builder.parse(file.toFile());
            } catch (IOException | SAXException | ParserConfigurationException e) {
                throw new DependencyException(DependencyMessages.settingsUnreadable(file, e.getMessage()), e);
            }
            Element root = document.getDocumentElement();
            String local = text(root, "localRepository");
            List<Mirror> mirrors = new ArrayList<>();
            Element mirrorList = child(root, "mirrors");
            if (mirrorList != null) {
                for (Element mirror : children(mirrorList, "mirror")) {
                    String url = text(mirror, "url");
                    String mirrorOf = text(mirror, "mirrorOf");
                    if (url != null && mirrorOf != null) {
                        String id = text(mirror, "id");
                        mirrors.add(new Mirror(id == null ? "mirror" : id,
                                interpolate(url, environment, systemProperties, userHome), mirrorOf));
                    }
                }
            }
            return new SettingsFile(local == null ? null : interpolate(local, environment, systemProperties, userHome),
                    "true".equals(text(root, "offline")), mirrors);
        }

        /** Replaces {@code ${user.home}}, {@code ${env.NAME}} and other system properties, as Maven does. */
        private static String interpolate(String value, Map<String, String> environment, Properties systemProperties,
                                          Path userHome) {
            Matcher matcher = PLACEHOLDER.matcher(value);
            StringBuilder result = new StringBuilder();
            while (matcher.find()) {
                String key = matcher.group(1);
                String replacement = key.equals("user.home") ? userHome.toString()
                        : key.startsWith("env.") ? environment.get(key.substring(4))
                        : systemProperties.getProperty(key);
                matcher.appendReplacement(result, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
            }
            matcher.appendTail(result);
            return result.toString();
        }

        private static Element child(Element parent, String name) {
            List<Element> found = children(parent, name);
            return found.isEmpty() ? null : found.get(0);
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                Node node = nodes.item(i);
                if (node instanceof Element element && name.equals(localName(element))) {
                    found.add(element);
                }
            }
            return found;
        }

        private static String localName(Element element) {
            return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
        }

        private static String text(Element parent, String name) {
            Element element = child(parent, name);
            if (element == null) {
                return null;
            }
            String text = element.getTextContent().strip();
            return text.isEmpty() ? null : text;
        }
    }
}
