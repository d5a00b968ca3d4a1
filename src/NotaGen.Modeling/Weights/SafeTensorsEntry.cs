namespace NotaGen.Modeling.Weights;

/// <summary>One tensor of a safetensors header: element type, shape, and byte range within the data section.</summary>
public sealed record SafeTensorsEntry(string Name, string DType, long[] Shape, long Begin, long End)
{
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    public static int ElementSize(string dtype) => dtype switch
    {
        "F64" => 8,
        "F32" => 4,
        "F16" or "BF16" => 2,
        "I64" => 8,
        "U8" => 1,
        _ => 0,
    };

    public static string FormatShape(IEnumerable<long> shape) => $"[{string.Join(", ", shape)}]";
}
