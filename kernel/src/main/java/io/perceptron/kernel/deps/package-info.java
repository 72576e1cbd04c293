/**
 * Libraries a cell asks for: {@code %maven} coordinates and Kotlin's {@code @file:DependsOn},
 * resolved with Maven Resolver from the local repository, then Maven Central or the repositories
 * named, and {@code %jars} files; each joins the cell class path for that cell and every later one.
 */
package io.perceptron.kernel.deps;
