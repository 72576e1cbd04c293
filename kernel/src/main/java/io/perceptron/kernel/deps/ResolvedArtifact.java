package io.perceptron.kernel.deps;

import java.nio.file.Path;

/**
 * One jar a resolution brought: what it is and where it lies (in the local repository).
 *
 * @param coordinate the artifact, with the version resolution chose
 * @param file       the jar
 */
public record ResolvedArtifact(Coordinate coordinate, Path file) {
}
