using System.Text.Json.Serialization;

namespace NotaGen.Evaluation.Style;

/// <summary>One axis's accuracy on pieces held out of training in a grouped cross-validation (<see cref="StyleGrouping"/>, e.g. "work").</summary>
public sealed record HeldOutAccuracy(string GroupedBy, int Correct, int Total)
{
    [JsonIgnore]
    public double Accuracy => Total == 0 ? double.NaN : (double)Correct / Total;
}
