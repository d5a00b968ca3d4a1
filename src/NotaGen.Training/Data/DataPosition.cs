namespace NotaGen.Training.Data;

/// <summary>Where the loader is: the next batch to serve is batch <see cref="Batch"/> of epoch <see cref="Epoch"/>.</summary>
public readonly record struct DataPosition(int Epoch, int Batch)
{
    public static DataPosition Start => new(0, 0);
}
