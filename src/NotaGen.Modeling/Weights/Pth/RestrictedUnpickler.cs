using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace NotaGen.Modeling.Weights.Pth;

/// <summary>
/// A pickle reader for PyTorch's <c>data.pkl</c> that executes nothing: it understands the opcodes torch.save emits
/// (protocols 2–5) and accepts only the globals a state dict and torch 1.13/2.x optimizer and scheduler state need
/// (<c>collections.OrderedDict</c>, <c>torch._utils._rebuild_tensor_v2</c>, <c>torch._utils._rebuild_parameter</c>,
/// <c>torch.*Storage</c>). Those are interpreted here, never called; any other global (<c>os.system</c>,
/// <c>builtins.eval</c>, ...) is refused where it appears, before anything could use it. Tensors come back as
/// <see cref="PthTensor"/> descriptors: no storage is read.
/// </summary>
/// <remarks>
/// Written for the project instead of Razorvine.Pickle: Razorvine turns unknown globals into dictionaries rather than
/// refusing them, and building the torch objects would still need our own constructors and persistent-id handling;
/// the ~30 opcodes torch uses fit in this file, and every error can name the byte offset and the nearest key.
/// </remarks>
public sealed class RestrictedUnpickler
{
    private static readonly PickleGlobal OrderedDict = new("collections", "OrderedDict");
    private static readonly PickleGlobal RebuildTensor = new("torch._utils", "_rebuild_tensor_v2");
    private static readonly PickleGlobal RebuildParameter = new("torch._utils", "_rebuild_parameter");

    private readonly string source;
    private readonly byte[] data;
    private readonly Func<PthDType, string, string, long, PthStorage> storage;
    private readonly List<object?> stack = [];
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, object?> memo = [];
    private int position;
    private int opcodeStart;
    private string? lastKey;

    private RestrictedUnpickler(string source, byte[] data, Func<PthDType, string, string, long, PthStorage> storage)
    {
        this.source = source;
        this.data = data;
        this.storage = storage;
    }

    /// <summary>
    /// Reads one pickled object. <paramref name="source"/> names the stream in errors; <paramref name="storage"/>
    /// makes the storage for a persistent id (dtype, key, location, element count), so callers can share and check them.
    /// </summary>
    public static object? Load(string source, byte[] data, Func<PthDType, string, string, long, PthStorage> storage) =>
        new RestrictedUnpickler(source, data, storage).Run();

    private object? Run()
    {
        while (true)
        {
            if (position >= data.Length) throw Error("truncated: the pickle ends without STOP");
            opcodeStart = position;
            var op = data[position++];
            switch (op)
            {
                case 0x80: ReadBytes(1); break;                                    // PROTO
                case 0x95: ReadBytes(8); break;                                    // FRAME: framing only
                case (byte)'.': return Pop();                                      // STOP
                case (byte)'(': marks.Push(stack.Count); break;                    // MARK
                case (byte)'}': stack.Add(new PickleDict()); break;                // EMPTY_DICT
                case (byte)']': stack.Add(new List<object?>()); break;             // EMPTY_LIST
                case (byte)')': stack.Add(new PickleTuple([])); break;             // EMPTY_TUPLE
                case (byte)'N': stack.Add(null); break;                            // NONE
                case 0x88: stack.Add(true); break;                                 // NEWTRUE
                case 0x89: stack.Add(false); break;                                // NEWFALSE
                case (byte)'J': stack.Add((long)BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4))); break; // BININT
                case (byte)'K': stack.Add((long)ReadBytes(1)[0]); break;           // BININT1
                case (byte)'M': stack.Add((long)BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2))); break; // BININT2
                case 0x8a: stack.Add(ReadLong(ReadBytes(1)[0])); break;            // LONG1
                case 0x8b: stack.Add(ReadLong(ReadLength(4))); break;              // LONG4
                case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(ReadBytes(8))); break; // BINFLOAT
                case (byte)'X': PushString(Encoding.UTF8.GetString(ReadBytes(ReadLength(4)))); break; // BINUNICODE
                case 0x8c: PushString(Encoding.UTF8.GetString(ReadBytes(ReadBytes(1)[0]))); break;     // SHORT_BINUNICODE
                case 0x8d: PushString(Encoding.UTF8.GetString(ReadBytes(ReadLength(8)))); break;       // BINUNICODE8
                case (byte)'U': PushString(Encoding.Latin1.GetString(ReadBytes(ReadBytes(1)[0]))); break; // SHORT_BINSTRING
                case (byte)'T': PushString(Encoding.Latin1.GetString(ReadBytes(ReadLength(4)))); break;   // BINSTRING
                case (byte)'C': stack.Add(ReadBytes(ReadBytes(1)[0]).ToArray()); break; // SHORT_BINBYTES
                case (byte)'B': stack.Add(ReadBytes(ReadLength(4)).ToArray()); break;   // BINBYTES
                case 0x8e: stack.Add(ReadBytes(ReadLength(8)).ToArray()); break;        // BINBYTES8
                case (byte)'t': stack.Add(new PickleTuple(PopMark())); break;      // TUPLE
                case 0x85: stack.Add(new PickleTuple([Pop()])); break;             // TUPLE1
                case 0x86: { var b = Pop(); var a = Pop(); stack.Add(new PickleTuple([a, b])); break; } // TUPLE2
                case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); stack.Add(new PickleTuple([a, b, c])); break; } // TUPLE3
                case (byte)'l': stack.Add(PopMark().ToList()); break;              // LIST
                case (byte)'d': stack.Add(DictOf(PopMark())); break;               // DICT
                case (byte)'a': { var item = Pop(); ListOnTop().Add(item); break; } // APPEND
                case (byte)'e': { var items = PopMark(); ListOnTop().AddRange(items); break; } // APPENDS
                case (byte)'s': { var value = Pop(); var key = Pop(); DictOnTop().Set(key, value); break; } // SETITEM
                case (byte)'u': { var items = PopMark(); var dict = DictOnTop(); for (var i = 0; i + 1 < items.Count; i += 2) dict.Set(items[i], items[i + 1]); break; } // SETITEMS
                case (byte)'0': Pop(); break;                                      // POP
                case (byte)'1': PopMark(); break;                                  // POP_MARK
                case (byte)'2': stack.Add(Peek()); break;                          // DUP
                case (byte)'q': memo[ReadBytes(1)[0]] = Peek(); break;             // BINPUT
                case (byte)'r': memo[ReadLength(4)] = Peek(); break;               // LONG_BINPUT
                case 0x94: memo[memo.Count] = Peek(); break;                       // MEMOIZE
                case (byte)'h': stack.Add(Memo(ReadBytes(1)[0])); break;           // BINGET
                case (byte)'j': stack.Add(Memo(ReadLength(4))); break;             // LONG_BINGET
                case (byte)'c': stack.Add(Global(ReadLine(), ReadLine())); break;  // GLOBAL
                case 0x93: { var name = Pop() as string; var module = Pop() as string; stack.Add(Global(module ?? "?", name ?? "?")); break; } // STACK_GLOBAL
                case (byte)'Q': stack.Add(PersistentLoad(Pop())); break;           // BINPERSID
                case (byte)'R': { var arguments = Pop(); var callable = Pop(); stack.Add(Reduce(callable, arguments)); break; } // REDUCE
                case (byte)'b': { var state = Pop(); Build(Peek(), state); break; } // BUILD
                default:
                    throw Error($"unsupported pickle opcode 0x{op:x2}: a PyTorch state dict never uses it");
            }
        }
    }

    private PickleGlobal Global(string module, string name)
    {
        var global = new PickleGlobal(module, name);
        if (global == OrderedDict || global == RebuildTensor || global == RebuildParameter) return global;
        if (module == "torch" && PthDType.FromStorageClass(name) is not null) return global;
        throw Error($"refused global '{module}.{name}': a checkpoint may only use collections.OrderedDict, " +
            "torch._utils._rebuild_tensor_v2 / _rebuild_parameter and torch storages; nothing was executed");
    }

    private object? Reduce(object? callable, object? arguments)
    {
        if (arguments is not PickleTuple args) throw Error("REDUCE without an argument tuple");
        if (Equals(callable, OrderedDict))
        {
            if (args.Items.Count != 0) throw Error("OrderedDict built with arguments");
            return new PickleDict();
        }
        if (Equals(callable, RebuildTensor)) return RebuildTensorV2(args.Items);
        if (Equals(callable, RebuildParameter))
            return args.Items.Count > 0 && args.Items[0] is PthTensor tensor ? tensor : throw Error("_rebuild_parameter without a tensor");
        throw Error($"REDUCE may only call collections.OrderedDict or torch._utils._rebuild_tensor_v2 / _rebuild_parameter, not {callable ?? "None"}");
    }

    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    private PthTensor RebuildTensorV2(IReadOnlyList<object?> args)
    {
        if (args.Count < 4 || args[0] is not PthStorage storage || args[1] is not long offset
            || args[2] is not PickleTuple size || args[3] is not PickleTuple stride)
            throw Error("_rebuild_tensor_v2 needs (storage, offset, size, stride, ...)");
        var shape = size.Items.Select(d => d as long? ?? throw Error("a tensor size that is not an integer")).ToArray();
        var strides = stride.Items.Select(d => d as long? ?? throw Error("a tensor stride that is not an integer")).ToArray();
        if (shape.Length != strides.Length || shape.Any(d => d < 0) || strides.Any(s => s < 0) || offset < 0)
            throw Error($"tensor '{lastKey}' has an invalid size, stride or offset");
        var tensor = new PthTensor(storage, offset, shape, strides);
        if (tensor.ElementCount > 0)
        {
            var last = offset + shape.Select((d, i) => (d - 1) * strides[i]).Sum();
            if (last >= storage.ElementCount)
                throw Error($"tensor '{lastKey}' [{string.Join(", ", shape)}] reaches element {last} of storage {storage.Key}, which holds {storage.ElementCount}");
        }
        return tensor;
    }

    // ('storage', torch.XStorage, key, location, numel)
    private PthStorage PersistentLoad(object? id)
    {
        if (id is not PickleTuple { Items: ["storage", PickleGlobal type, string key, string location, long count] })
            throw Error("a persistent id that is not ('storage', type, key, location, numel)");
        var dtype = PthDType.FromStorageClass(type.Name) ?? throw Error($"unknown storage type {type}");
        return storage(dtype, key, location, count);
    }

    private void Build(object? target, object? state)
    {
        // OrderedDict pickles its attributes (a state dict's _metadata of module versions) as BUILD state: not needed.
        if (target is PickleDict && state is PickleDict or null) return;
        throw Error($"BUILD on {target?.GetType().Name ?? "None"}: only an OrderedDict's attributes may be set");
    }

    private void PushString(string value)
    {
        lastKey = value;
        stack.Add(value);
    }

    private object? Memo(long index) =>
        memo.TryGetValue(index, out var value) ? value : throw Error($"memo entry {index} read before it was written");

    private List<object?> PopMark()
    {
        if (marks.Count == 0) throw Error("a MARK is missing");
        var start = marks.Pop();
        var items = stack.GetRange(start, stack.Count - start);
        stack.RemoveRange(start, stack.Count - start);
        return items;
    }

    private object? Pop()
    {
        if (stack.Count == 0 || (marks.Count > 0 && marks.Peek() == stack.Count)) throw Error("the pickle stack underflows");
        var value = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private object? Peek() => stack.Count > 0 ? stack[^1] : throw Error("the pickle stack is empty");

    private List<object?> ListOnTop() => Peek() as List<object?> ?? throw Error("APPEND to something that is not a list");

    private PickleDict DictOnTop() => Peek() as PickleDict ?? throw Error("SETITEM on something that is not a dict");

    private PickleDict DictOf(List<object?> items)
    {
        var dict = new PickleDict();
        for (var i = 0; i + 1 < items.Count; i += 2) dict.Set(items[i], items[i + 1]);
        return dict;
    }

    private ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0 || position + count > data.Length) throw Error("truncated: the pickle ends inside an opcode");
        var span = data.AsSpan(position, count);
        position += count;
        return span;
    }

    private int ReadLength(int bytes)
    {
        var value = bytes == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4)) : BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));
        if (value > int.MaxValue) throw Error($"a length of {value} bytes is not plausible");
        return (int)value;
    }

    private object ReadLong(int count)
    {
        var value = new BigInteger(ReadBytes(count), isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    private string ReadLine()
    {
        var end = Array.IndexOf(data, (byte)'\n', position);
        if (end < 0) throw Error("truncated: a GLOBAL name has no end");
        var line = Encoding.ASCII.GetString(data, position, end - position);
        position = end + 1;
        return line;
    }

    private WeightFileException Error(string problem) =>
        new(source, lastKey is null ? $"{problem} (pickle byte {opcodeStart})" : $"{problem} (pickle byte {opcodeStart}, after '{lastKey}')");
}
