namespace NotaGen.Training.Data;

/// <summary>
/// An endless, resumable stream of training batches: <see cref="Position"/> names the next batch, and setting it makes
/// the stream serve exactly what it would have served from there.
/// </summary>
public interface IBatchSource<out TBatch>
{
    DataPosition Position { get; set; }

    /// <summary>The batch at <see cref="Position"/>; advances the position.</summary>
    TBatch Next();
}
