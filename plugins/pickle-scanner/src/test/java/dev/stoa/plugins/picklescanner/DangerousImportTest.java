package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.stoa.plugins.picklescanner.PickleScanning.findings;
import static dev.stoa.plugins.picklescanner.PickleScanning.scanFile;
import static org.assertj.core.api.Assertions.assertThat;

/** Every dangerous import, written both ways a pickle can import, fails the check with a CRITICAL finding. */
class DangerousImportTest {

    @ParameterizedTest(name = "{0}.{1} with GLOBAL, protocol {2}")
    @CsvSource({
            "os, system, 0", "posix, system, 1", "nt, system, 2", "subprocess, Popen, 3", "subprocess, check_output, 2",
            "builtins, eval, 3", "builtins, exec, 2", "__builtin__, eval, 0", "__builtin__, getattr, 1",
            "builtins, compile, 2", "builtins, open, 2", "builtins, __import__, 2", "builtins, apply, 2",
            "runpy, _run_code, 2", "importlib, import_module, 3", "socket, create_connection, 2",
            "shutil, rmtree, 2", "pickle, loads, 2", "_pickle, loads, 3", "cPickle, loads, 0", "marshal, loads, 2",
            "types, FunctionType, 2", "types, CodeType, 2", "ctypes, CDLL, 2", "webbrowser, open, 2", "sys, exit, 2",
            "pty, spawn, 2", "code, InteractiveInterpreter, 2", "commands, getoutput, 0", "pip, main, 2",
            "timeit, timeit, 2", "pdb, run, 2", "bdb, Bdb, 2", "operator, attrgetter, 2", "operator, methodcaller, 2",
            "torch, load, 2", "torch.serialization, load, 2", "torch.storage, _load_from_bytes, 2",
            "torch.hub, load, 2", "numpy, load, 2", "joblib, load, 2", "dill, loads, 2", "shelve, open, 2",
            "multiprocessing.util, spawnv_passfds, 2", "asyncio.subprocess, create_subprocess_shell, 2",
            "urllib.request, urlopen, 2", "requests, get, 2", "pkgutil, resolve_name, 2", "io, open, 2",
            "logging.config, listen, 2", "platform, popen, 2", "os.path, join, 2"
    })
    void globalImportIsCritical(String module, String name, int protocol) {
        CheckResult result = scanFile("model.pkl", PickleBytes.callWithGlobal(protocol, module, name));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(findings(result, "pickle.import.dangerous")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.path()).isEqualTo("model.pkl");
            assertThat(f.message()).contains(module + "." + name);
        });
    }

    @ParameterizedTest(name = "{0}.{1} with STACK_GLOBAL, protocol {2}")
    @CsvSource({
            "os, system, 4", "posix, system, 5", "nt, system, 4", "subprocess, Popen, 5", "builtins, eval, 4",
            "builtins, exec, 5", "builtins, getattr, 4", "runpy, _run_code, 4", "importlib, import_module, 5",
            "socket, socket, 4", "pickle, loads, 4", "marshal, loads, 5", "types, CodeType, 4", "ctypes, CDLL, 5",
            "webbrowser, open, 4", "sys, modules, 4", "pty, spawn, 5", "torch, load, 4", "operator, attrgetter, 5",
            "os, path.join, 4"
    })
    void stackGlobalImportIsCritical(String module, String name, int protocol) {
        CheckResult result = scanFile("model.pt", PickleBytes.callWithStackGlobal(protocol, module, name));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(module + "." + name));
    }

    @ParameterizedTest(name = "INST {0}.{1}")
    @CsvSource({"os, system", "subprocess, call", "builtins, exec"})
    void instImportIsCritical(String module, String name) {
        byte[] pickle = PickleBytes.protocol0().mark().string("'id'").inst(module, name).stop().bytes();

        CheckResult result = scanFile("legacy.pickle", pickle);

        assertThat(findings(result, "pickle.import.dangerous")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(module + "." + name));
    }

    @ParameterizedTest(name = "{0}.{1} is suspicious")
    @CsvSource({"functools, partial", "builtins, setattr", "builtins, type", "operator, itemgetter",
            "copyreg, add_extension", "collections, OrderedDict.__init__.__globals__"})
    void gadgetsAreHigh(String module, String name) {
        CheckResult result = scanFile("x.pkl", PickleBytes.callWithStackGlobal(4, module, name));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(findings(result, "pickle.import.suspicious")).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
    }
}
