package io.perceptron.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * What {@code kernel_info_reply} says about the kernel and its cell language.
 *
 * @param implementation        the kernel's name
 * @param implementationVersion the kernel's version
 * @param language              the cell language's name, as front ends know it
 * @param languageVersion       the cell language's version
 * @param mimetype              the MIME type of cell code
 * @param fileExtension         the extension of a script in that language, with its dot
 * @param pygmentsLexer         the lexer nbconvert highlights cells with
 * @param codemirrorMode        the editor mode front ends highlight cells with
 * @param banner                a short description shown by consoles
 */
public record KernelInfo(String implementation, String implementationVersion, String language,
                         String languageVersion, String mimetype, String fileExtension,
                         String pygmentsLexer, String codemirrorMode, String banner) {

    /** The Perceptron kernel with Kotlin {@code kotlinVersion} cells. */
    public static KernelInfo perceptron(String kernelVersion, String kotlinVersion) {
        return new KernelInfo("perceptron", kernelVersion, "kotlin", kotlinVersion, "text/x-kotlin", ".kt",
                "kotlin", "text/x-kotlin",
                "Perceptron " + kernelVersion + ": Kotlin " + kotlinVersion
                        + " cells with a deep-learning DSL over DJL. Type %help for a tour.");
    }

    /** The Perceptron kernel with Java cells, run by the JShell of Java {@code javaVersion}. */
    public static KernelInfo perceptronJava(String kernelVersion, String javaVersion) {
        return new KernelInfo("perceptron", kernelVersion, "java", javaVersion, "text/x-java", ".jshell",
                "java", "text/x-java",
                "Perceptron " + kernelVersion + ": Java " + javaVersion
                        + " cells (JShell) with a deep-learning DSL over DJL. Type %help for a tour.");
    }

    /** The content of a {@code kernel_info_reply}. */
    JsonObject toReply() {
        JsonObject languageInfo = new JsonObject();
        languageInfo.addProperty("name", language);
        languageInfo.addProperty("version", languageVersion);
        languageInfo.addProperty("mimetype", mimetype);
        languageInfo.addProperty("file_extension", fileExtension);
        languageInfo.addProperty("pygments_lexer", pygmentsLexer);
        languageInfo.addProperty("codemirror_mode", codemirrorMode);

        JsonArray helpLinks = new JsonArray();
        if (language.equals("java")) {
            helpLinks.add(link("Java language", "https://docs.oracle.com/en/java/javase/"));
        } else {
            helpLinks.add(link("Kotlin language", "https://kotlinlang.org/docs/home.html"));
        }
        helpLinks.add(link("Deep Java Library", "https://docs.djl.ai/"));
        helpLinks.add(link("Tablesaw", "https://jtablesaw.github.io/tablesaw/"));

        JsonObject reply = new JsonObject();
        reply.addProperty("status", "ok");
        reply.addProperty("protocol_version", Session.PROTOCOL_VERSION);
        reply.addProperty("implementation", implementation);
        reply.addProperty("implementation_version", implementationVersion);
        reply.add("language_info", languageInfo);
        reply.addProperty("banner", banner);
        reply.add("help_links", helpLinks);
        reply.addProperty("debugger", false);
        return reply;
    }

    private static JsonObject link(String text, String url) {
        JsonObject link = new JsonObject();
        link.addProperty("text", text);
        link.addProperty("url", url);
        return link;
    }
}
