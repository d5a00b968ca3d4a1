namespace NotaGen.Modeling.Weights.Pth;

/// <summary>Element types of torch storages: the legacy storage class names torch.save writes, sizes, float-ness.</summary>
public sealed record PthDType(string StorageClass, int Size, bool IsFloat)
{
    public static readonly PthDType Float32 = new("FloatStorage", 4, true);
    public static readonly PthDType Float64 = new("DoubleStorage", 8, true);
    public static readonly PthDType Float16 = new("HalfStorage", 2, true);
    public static readonly PthDType BFloat16 = new("BFloat16Storage", 2, true);

    // Integer and bool storages appear in optimizer and scheduler state (AdamW's 'step' in torch ≥ 1.12 is a float
    // tensor, but counters and masks may not be); they are accepted and never read.
    private static readonly PthDType[] Known =
    [
        Float32, Float64, Float16, BFloat16,
        new("LongStorage", 8, false), new("IntStorage", 4, false), new("ShortStorage", 2, false),
        new("CharStorage", 1, false), new("ByteStorage", 1, false), new("BoolStorage", 1, false),
    ];

    public static PthDType? FromStorageClass(string name) => Known.FirstOrDefault(d => d.StorageClass == name);
}
