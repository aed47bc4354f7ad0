package dev.circuits.cli;

import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles one Java source file against the test class path and runs its {@code run(Path)}. */
final class SnippetCompiler {
  private SnippetCompiler() {}

  /** Compiles {@code source} (class {@code pkg.name}) in {@code dir} and runs it; fails saying why. */
  static void compileAndRun(String pkg, String name, String source, Path dir) throws Exception {
    Path src = dir.resolve("src").resolve(pkg).resolve(name + ".java");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    boolean ok = javac.getTask(messages, null, null,
        List.of("-classpath", classPath(), "-d", classes.toString(), "-proc:none",
            "--release", "17"), null,
        javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile())).call();
    if (!ok) {
      throw new AssertionError("does not compile:\n" + messages + "\n--- generated source:\n"
          + numbered(source));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        SnippetCompiler.class.getClassLoader())) {
      Method run = loader.loadClass(pkg + "." + name).getMethod("run", Path.class);
      try {
        run.invoke(null, dir);
      } catch (InvocationTargetException e) {
        throw new AssertionError("throws: " + e.getCause() + "\n--- generated source:\n"
            + numbered(source), e.getCause());
      }
    }
  }

  /** The test class path (surefire's real one when it runs us through a manifest-only jar). */
  private static String classPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  private static String numbered(String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format("%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }
}
