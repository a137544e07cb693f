package dev.kanto.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReadmeTest runs every Java code block of README.md against a live kanto-testenv, so the README
 * cannot rot, the way Go's {@code Example} functions cannot.
 *
 * <p>Each block is compiled (with every lint warning an error) as the body of a method, its
 * {@code import} lines moved in front of the class; the method's parameters are {@code kanto}, a
 * plaintext {@link KantoClient} of the testenv's services, and {@code token}, the curator token,
 * which the README's prose introduces. A block that declares its own {@code kanto} gets none. The
 * default target of every service in the block's text (its {@code google.api.default_host}, such
 * as {@code "127.0.0.1:50051"}) is replaced by the address of the testenv's service. A comment
 * {@code // prints: <text>} requires the block's output to contain the text. The other blocks (the
 * shell and XML of "Install") are run by scripts/packaging-proof.sh.
 */
class ReadmeTest {
  private static final Pattern FENCE =
      Pattern.compile("(?m)^```(\\w*)\\n(.*?)^```$", Pattern.DOTALL);
  private static final Pattern PRINTS = Pattern.compile("// prints: (.+)$", Pattern.MULTILINE);

  private static TestEnv env;
  private static KantoClient kanto;

  @BeforeAll
  static void start() {
    env = TestEnv.start("readme");
    kanto = env.clientBuilder().build();
  }

  @AfterAll
  static void stop() {
    if (kanto != null) {
      kanto.close();
    }
    if (env != null) {
      env.close();
    }
  }

  /** A fenced block of the README: its language and text, and the line it starts on. */
  record Block(String language, String text, int line) {}

  static List<Block> blocks() throws IOException {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    List<Block> out = new ArrayList<>();
    Matcher m = FENCE.matcher(readme);
    while (m.find()) {
      int line = (int) readme.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
      out.add(new Block(m.group(1), m.group(2), line));
    }
    return out;
  }

  @Test
  void everyBlockIsOfALanguageSomeTestRuns() throws IOException {
    List<String> languages = new ArrayList<>();
    for (Block b : blocks()) {
      assertTrue(
          List.of("java", "sh", "xml").contains(b.language()),
          "README.md:"
              + b.line()
              + ": a ``` block of language '"
              + b.language()
              + "' runs nowhere");
      languages.add(b.language());
    }
    assertTrue(languages.contains("java"), "README.md has no Java block");
  }

  @TestFactory
  List<DynamicTest> javaBlocks(@TempDir Path dir) throws IOException {
    List<Block> java = blocks().stream().filter(b -> b.language().equals("java")).toList();
    Map<String, Block> byClass = new LinkedHashMap<>();
    List<Path> sources = new ArrayList<>();
    for (Block b : java) {
      String name = "ReadmeLine" + b.line();
      byClass.put(name, b);
      Path file = dir.resolve("readme").resolve(name + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source(name, b.text()));
      sources.add(file);
    }
    Map<String, List<String>> errors = compile(dir, sources);
    URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    List<DynamicTest> tests = new ArrayList<>();
    byClass.forEach(
        (name, block) ->
            tests.add(
                DynamicTest.dynamicTest(
                    "README.md:" + block.line(),
                    () -> {
                      List<String> errs = errors.getOrDefault(name, List.of());
                      if (!errs.isEmpty()) {
                        fail(
                            "README.md:"
                                + block.line()
                                + ": the block does not compile:\n"
                                + String.join("\n", errs));
                      }
                      run(loader.loadClass("readme." + name), block);
                    })));
    return tests;
  }

  /** Returns the block as a class with one static method, run(KantoClient kanto, String token). */
  private static String source(String name, String block) {
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.append(line).append('\n');
      } else {
        body.append("    ").append(line).append('\n');
      }
    }
    String text = body.toString();
    for (ServiceInfo s : KantoClient.SERVICES) {
      String live = env.targets().get(s.name());
      if (live != null && !s.defaultTarget().isEmpty()) {
        text = text.replace('"' + s.defaultTarget() + '"', '"' + live + '"');
      }
    }
    // A block that declares its own kanto (or token) must not meet a parameter of that name.
    String kantoParam = Pattern.compile("\\bKantoClient\\s+kanto\\b").matcher(text).find()
        ? "unusedKanto"
        : "kanto";
    String tokenParam = Pattern.compile("\\bString\\s+token\\b").matcher(text).find()
        ? "unusedToken"
        : "token";
    return "package readme;\n\n"
        + imports
        + "\npublic final class "
        + name
        + " {\n  public static void run(dev.kanto.sdk.KantoClient "
        + kantoParam
        + ", String "
        + tokenParam
        + ") throws Exception {\n"
        + text
        + "  }\n}\n";
  }

  /** Compiles every block at once; returns the errors by class name. */
  private static Map<String, List<String>> compile(Path dir, List<Path> sources)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    Map<String, List<String>> errors = new LinkedHashMap<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of("-Xlint:all", "-Werror", "-d", dir.toString(), "-cp", classpath),
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() == Diagnostic.Kind.NOTE) {
          continue;
        }
        String source = d.getSource() == null ? "" : d.getSource().getName();
        String name = Path.of(source).getFileName().toString().replace(".java", "");
        errors
            .computeIfAbsent(name, k -> new ArrayList<>())
            .add("  " + d.getMessage(Locale.ROOT) + "\n    in: " + sourceLine(dir, name, d));
      }
      if (!ok && errors.isEmpty()) {
        errors.put("", List.of("javac failed without diagnostics"));
      }
    }
    return errors;
  }

  private static String sourceLine(Path dir, String name, Diagnostic<?> d) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("readme").resolve(name + ".java"));
      long n = d.getLineNumber();
      return n >= 1 && n <= lines.size() ? lines.get((int) n - 1).strip() : "?";
    } catch (IOException e) {
      return "?";
    }
  }

  /** Runs a compiled block, with System.out captured, and checks its "// prints:" comments. */
  private static void run(Class<?> snippet, Block block) throws Throwable {
    Method run = snippet.getMethod("run", KantoClient.class, String.class);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      run.invoke(null, kanto, env.curatorToken());
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      System.setOut(stdout);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    Matcher m = PRINTS.matcher(block.text());
    while (m.find()) {
      String want = m.group(1).strip();
      assertTrue(
          output.contains(want),
          "README.md:" + block.line() + ": the output lacks \"" + want + "\":\n" + output);
    }
  }
}
