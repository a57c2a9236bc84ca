package dev.stoa.plugins.picklescanner;

import dev.stoa.spi.Severity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges the imports of a pickle. Names are matched on the fully qualified name {@code module.name} after
 * mapping Python 2 module names to their Python 3 equivalents (as the unpickler does); a rule names either an
 * exact callable or a whole module, which covers its submodules and attributes.
 *
 * <ol>
 *   <li>On the {@linkplain #SAFE allowlist} (exact names only): no finding.</li>
 *   <li>On the {@linkplain #DANGEROUS dangerous list}: {@code pickle.import.dangerous}, CRITICAL.</li>
 *   <li>On the {@linkplain #SUSPICIOUS suspicious list}, or reaching a dunder attribute such as
 *       {@code __globals__}: {@code pickle.import.suspicious}, HIGH.</li>
 *   <li>Anything else: {@code pickle.import.unknown}, MEDIUM by default (configurable): the file needs that
 *       code to load, and nobody has reviewed it.</li>
 * </ol>
 */
final class ImportPolicy {

    /** Callables that only rebuild data (tensors, arrays, containers) and never run other code or touch I/O. */
    static final Set<String> SAFE = Set.of(
            // containers
            "collections.OrderedDict",
            "builtins.set", "builtins.frozenset", "builtins.bytearray", "builtins.bytes", "builtins.slice",
            "builtins.complex", "builtins.range", "builtins.int", "builtins.float", "builtins.str",
            "builtins.bool", "builtins.tuple", "builtins.list", "builtins.dict",
            // object reconstruction used by protocols 0 and 1: calls __new__/__init__ of a class that is itself
            // an import of the stream, so judged on its own
            "copyreg._reconstructor",
            // bytes in protocol 2 numpy and torch pickles: encode(str, 'latin1'), codecs from the registry only
            "_codecs.encode",
            // PyTorch tensors and parameters
            "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3",
            "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state",
            "torch._utils._rebuild_qtensor", "torch._utils._rebuild_sparse_tensor",
            "torch._utils._rebuild_meta_tensor_no_storage", "torch._tensor._rebuild_from_type_v2",
            "torch.serialization._get_layout", "torch.Size", "torch.device",
            // PyTorch storages (named by persistent ids)
            "torch.UntypedStorage", "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage",
            "torch.BFloat16Storage", "torch.LongStorage", "torch.IntStorage", "torch.ShortStorage",
            "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage", "torch.ComplexFloatStorage",
            "torch.ComplexDoubleStorage", "torch.QUInt8Storage", "torch.QInt8Storage", "torch.QInt32Storage",
            "torch.QUInt4x2Storage", "torch.QUInt2x4Storage",
            // PyTorch dtypes, layouts and memory formats (plain constants)
            "torch.float16", "torch.float32", "torch.float64", "torch.bfloat16", "torch.half", "torch.float",
            "torch.double", "torch.complex32", "torch.complex64", "torch.complex128", "torch.uint8", "torch.int8",
            "torch.int16", "torch.int32", "torch.int64", "torch.bool", "torch.qint8", "torch.quint8",
            "torch.qint32", "torch.quint4x2", "torch.float8_e4m3fn", "torch.float8_e5m2", "torch.uint16",
            "torch.uint32", "torch.uint64", "torch.strided", "torch.sparse_coo", "torch.sparse_csr",
            "torch.sparse_csc", "torch.sparse_bsr", "torch.sparse_bsc", "torch.contiguous_format",
            "torch.channels_last", "torch.channels_last_3d", "torch.preserve_format",
            // numpy arrays, dtypes and scalars (numpy 1 and 2 module names)
            "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
            "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
            "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
            "numpy.ndarray", "numpy.dtype",
            // joblib's wrappers of numpy arrays (the array bytes follow the pickle; nothing is called)
            "joblib.numpy_pickle.NumpyArrayWrapper", "joblib.numpy_pickle_compat.NDArrayWrapper",
            "joblib.numpy_pickle_compat.ZNDArrayWrapper");

    /** Imports that run commands or code, load other pickles, open files or sockets: CRITICAL. */
    static final Set<String> DANGEROUS = Set.of(
            // processes, the interpreter, code
            "os", "posix", "nt", "subprocess", "_posixsubprocess", "pty", "sys", "runpy", "importlib", "imp",
            "zipimport", "pkgutil", "code", "codeop", "types", "ctypes", "_ctypes", "marshal", "multiprocessing",
            "asyncio", "timeit", "bdb", "pdb", "pydoc", "profile", "cProfile", "trace", "doctest", "idlelib",
            "site", "platform", "webbrowser", "commands", "pip", "setuptools", "distutils", "ensurepip", "venv",
            "logging.config",
            // builtins that evaluate, import, reach attributes or open files
            "builtins.eval", "builtins.exec", "builtins.compile", "builtins.open", "builtins.getattr",
            "builtins.__import__", "builtins.apply", "builtins.execfile", "builtins.breakpoint",
            "builtins.input", "builtins.help", "builtins.reload",
            "operator.attrgetter", "operator.methodcaller",
            "io.open", "io.open_code", "io.FileIO", "_io.open", "_io.open_code", "_io.FileIO",
            // files and the network
            "shutil", "socket", "_socket", "socketserver", "ssl", "urllib.request", "http.client", "ftplib",
            "smtplib", "telnetlib", "xmlrpc", "requests", "httpx", "urllib3",
            // loaders of further pickles (their content escapes this scan)
            "pickle", "_pickle", "dill", "cloudpickle", "shelve", "joblib.load", "joblib.numpy_pickle.load",
            "torch.load", "torch.serialization.load", "torch.storage._load_from_bytes", "torch.hub",
            "torch.jit.load", "torch.package", "torch.utils.cpp_extension", "torch.ops.load_library",
            "numpy.load", "numpy.lib.npyio.load", "numpy.ctypeslib", "numpy.f2py", "numpy.distutils",
            "numpy.testing._private.utils.runstring", "pandas.read_pickle", "pandas.io.pickle", "pandas.eval",
            "pandas.core.computation.eval");

    /** Gadgets that call or reach other objects, or touch the process, without being code execution alone: HIGH. */
    static final Set<String> SUSPICIOUS = Set.of(
            "builtins", "functools", "operator", "copyreg", "itertools", "inspect", "gc", "signal", "threading",
            "_thread", "tempfile", "glob", "weakref", "contextlib", "atexit", "torch._C", "torch.ops");

    /** Python 2 module names the unpickler maps to Python 3 ones (protocols 0 to 2). */
    private static final Map<String, String> PYTHON2_MODULES = Map.ofEntries(
            Map.entry("__builtin__", "builtins"), Map.entry("exceptions", "builtins"),
            Map.entry("copy_reg", "copyreg"), Map.entry("cPickle", "pickle"), Map.entry("commands", "subprocess"),
            Map.entry("thread", "_thread"), Map.entry("urllib2", "urllib.request"), Map.entry("httplib", "http.client"),
            Map.entry("SocketServer", "socketserver"), Map.entry("Queue", "queue"), Map.entry("cStringIO", "io"),
            Map.entry("StringIO", "io"), Map.entry("UserDict", "collections"), Map.entry("__main__", "__main__"));

    /** How one import is judged; {@code severity} is {@code null} for an allowed import. */
    record Judgement(Severity severity, String code, String reason) {
        boolean allowed() {
            return severity == null;
        }
    }

    private final Set<String> safe;
    private final Set<String> dangerous;
    private final Severity unknownSeverity;

    ImportPolicy(Collection<String> extraSafe, Collection<String> extraDangerous, Severity unknownSeverity) {
        Set<String> s = new LinkedHashSet<>(SAFE);
        s.addAll(extraSafe);
        Set<String> d = new LinkedHashSet<>(DANGEROUS);
        d.addAll(extraDangerous);
        this.safe = Set.copyOf(s);
        this.dangerous = Set.copyOf(d);
        this.unknownSeverity = unknownSeverity;
    }

    static ImportPolicy defaults() {
        return new ImportPolicy(List.of(), List.of(), Severity.MEDIUM);
    }

    /** The fully qualified name the unpickler would resolve, Python 2 module names mapped. */
    static String qualifiedName(String module, String name) {
        return PYTHON2_MODULES.getOrDefault(module, module) + "." + name;
    }

    Judgement judge(String module, String name) {
        String fq = qualifiedName(module, name);
        if (safe.contains(fq)) {
            return new Judgement(null, null, "allowed");
        }
        String rule = matching(dangerous, fq);
        if (rule != null) {
            return new Judgement(Severity.CRITICAL, "pickle.import.dangerous",
                    "runs code, loads other pickles or reaches files or the network (" + rule + ")");
        }
        rule = matching(SUSPICIOUS, fq);
        if (rule != null) {
            return new Judgement(Severity.HIGH, "pickle.import.suspicious",
                    "can call or reach arbitrary objects (" + rule + ")");
        }
        if (name.contains(".__") || name.startsWith("__") && name.endsWith("__")) {
            return new Judgement(Severity.HIGH, "pickle.import.suspicious",
                    "reaches a dunder attribute, a common way to get at interpreter internals");
        }
        return new Judgement(unknownSeverity, "pickle.import.unknown",
                "is not on the allowlist of known-safe torch, numpy and collections callables");
    }

    /** The rule that matches {@code fq} exactly or as a module prefix, or {@code null}. */
    private static String matching(Set<String> rules, String fq) {
        if (rules.contains(fq)) {
            return fq;
        }
        for (int dot = fq.lastIndexOf('.'); dot > 0; dot = fq.lastIndexOf('.', dot - 1)) {
            String prefix = fq.substring(0, dot);
            if (rules.contains(prefix)) {
                return prefix;
            }
        }
        return null;
    }
}
