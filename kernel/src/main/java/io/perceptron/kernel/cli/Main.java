package io.perceptron.kernel.cli;

import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.perceptron.kernel.deps.CellDependencies;
import io.perceptron.kernel.display.DslBridge;
import io.perceptron.kernel.eval.CellClassPath;
import io.perceptron.kernel.eval.CellRunner;
import io.perceptron.kernel.eval.EvalResult;
import io.perceptron.kernel.eval.Evaluator;
import io.perceptron.kernel.magics.Magics;
import io.perceptron.kernel.protocol.CellExecutor;
import io.perceptron.kernel.protocol.CellOutput;
import io.perceptron.kernel.protocol.KernelProtocol;
import io.perceptron.kernel.protocol.Session;
import io.perceptron.kernel.protocol.ZmqTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the Perceptron kernel. Jupyter runs it from the kernelspec that {@code install/run.sh}
 * registers:
 * <pre>
 * java -Dai.djl.offline=true -cp 'build/kernel/lib/*' io.perceptron.kernel.cli.Main \
 *      --cell-classpath build/kernel/cell /run/user/1000/jupyter/kernel-1234.json
 * </pre>
 * With {@code --language java} (the {@code perceptron-java} kernelspec) its cells are Java, run by JShell.
 * It binds the sockets of the connection file, routes {@code System.out} and {@code System.err}
 * into the running cell's output, wires the DSL's display hook, and serves until a shutdown
 * request arrives.
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    /** Runs the kernel; exits 2 on a bad command line, 1 if it cannot start. */
    public static void main(String[] args) throws InterruptedException {
        PrintStream originalStderr = System.err;
        KernelArguments arguments;
        try {
            arguments = KernelArguments.parse(args);
        } catch (IllegalArgumentException e) {
            originalStderr.println("perceptron: " + e.getMessage());
            originalStderr.println(KernelArguments.USAGE);
            System.exit(2);
            return;
        }
        KernelLogging.configure(originalStderr, System.getenv("PERCEPTRON_LOG"), System.getenv("PERCEPTRON_LOG_FILE"));
        StartupCache.check();
        try {
            serve(arguments, originalStderr);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The kernel could not start", e);
            originalStderr.println("perceptron: the kernel could not start: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private static void serve(KernelArguments arguments, PrintStream originalStderr)
            throws IOException, InterruptedException {
        KernelConnectionProperties connection =
                KernelConnectionProperties.parse(Files.readString(arguments.connectionFile()));
        Session session = new Session();
        ZmqTransport transport = ZmqTransport.bind(connection);
        CellOutput output = new CellOutput(transport, session, originalStderr);
        // From here on, text printed anywhere in this JVM goes to the running cell (or the log).
        System.setOut(output.stdout());
        System.setErr(output.stderr());
        // No stdin channel support yet: reading input ends at once instead of hanging the cell.
        System.setIn(new ByteArrayInputStream(new byte[0]));

        CellClassPath classPath = CellClassPath.of(arguments.cellClassPath());
        // Shared by every cell language; Maven Resolver loads on the first %maven or @file:DependsOn, not here.
        CellDependencies dependencies = new CellDependencies(classPath);
        Evaluator evaluator = arguments.language().open(classPath, dependencies);
        CellRunner runner = new CellRunner(evaluator);
        ClassLoader cellLoader = evaluator.cellClassLoader();
        DslBridge dsl = DslBridge.connect(cellLoader);
        dsl.installSink(output);

        CountDownLatch shutdown = new CountDownLatch(1);
        KernelProtocol protocol = new KernelProtocol(evaluator, executor(runner), transport, session, output,
                dsl::bundle, Magics.standard(evaluator.imports(), cellLoader, dependencies, arguments.language().displayName()),
                arguments.language().info(version()), shutdown::countDown);
        transport.start(protocol);
        protocol.announceStarting();

        shutdown.await();
        runner.close();
        transport.close();
        output.close();
        evaluator.close();
    }

    private static CellExecutor executor(CellRunner runner) {
        return new CellExecutor() {
            @Override
            public EvalResult execute(String code, int cellNumber) {
                return runner.run(code, cellNumber);
            }

            @Override
            public void interrupt() {
                runner.interrupt();
            }
        };
    }

    /** The kernel's version from its jar manifest; {@code dev} when run from classes. */
    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
