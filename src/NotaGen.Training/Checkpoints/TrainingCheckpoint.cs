using System.Text.Json;
using System.Text.Json.Serialization;
using NotaGen.Modeling.Configuration;
using NotaGen.Modeling.Weights;
using static TorchSharp.torch;

namespace NotaGen.Training.Checkpoints;

/// <summary>
/// Everything needed to continue a run bit for bit: model weights, AdamW moments and step count, the loop's counters
/// (learning-rate schedule position = step; data position), torch's global random state (dropout), and the model and
/// training configurations. The data pipeline's randomness is derived from (seed, epoch, piece), so it needs no state.
/// Tensor groups in the file: <c>model/NAME</c>, <c>optimizer/m/NAME</c>, <c>optimizer/v/NAME</c>, <c>rng/torch</c>.
/// The file is safetensors (<see cref="SafeTensorsWriter"/>, <see cref="SafeTensorsReader"/>), so it opens in Python too.
/// </summary>
public sealed class TrainingCheckpoint : IDisposable
{
    private const string ModelPrefix = "model/";
    private const string OptimizerPrefix = "optimizer/";
    private const string RngKey = "rng/torch";

    public required TrainingState State { get; init; }

    public required NotaGenConfig ModelConfig { get; init; }

    /// <summary>The training configuration as JSON (kept for the record; a resume may override it).</summary>
    public string TrainingConfigJson { get; init; } = "{}";

    public required Dictionary<string, Tensor> Model { get; init; }

    /// <summary>AdamW moments ("m/NAME", "v/NAME"); empty in a weights-only checkpoint.</summary>
    public Dictionary<string, Tensor> Optimizer { get; init; } = [];

    public long OptimizerSteps { get; init; }

    public Tensor? TorchRandomState { get; init; }

    private static readonly JsonSerializerOptions StateJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void WriteTo(Stream stream)
    {
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, t) in Model) tensors[ModelPrefix + name] = t;
        foreach (var (name, t) in Optimizer) tensors[OptimizerPrefix + name] = t;
        if (TorchRandomState is not null) tensors[RngKey] = TorchRandomState;
        var metadata = new Dictionary<string, string>
        {
            ["format"] = "notagen-training-checkpoint/1",
            ["state"] = JsonSerializer.Serialize(State, StateJson),
            ["optimizer_steps"] = OptimizerSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["model_config"] = ModelConfig.ToJson(),
            ["training_config"] = TrainingConfigJson,
        };
        var ordered = tensors.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)).ToList();
        SafeTensorsWriter.Write(stream, ordered, metadata);
    }

    public static TrainingCheckpoint Read(string path)
    {
        var (tensors, metadata) = ReadFile(path);
        string Meta(string key) => metadata.TryGetValue(key, out var v) ? v : throw new InvalidDataException($"{path}: checkpoint lacks '{key}'");
        try
        {
            return new TrainingCheckpoint
            {
                State = JsonSerializer.Deserialize<TrainingState>(Meta("state"), StateJson) ?? throw new InvalidDataException($"{path}: empty state"),
                ModelConfig = NotaGenConfig.FromJson(Meta("model_config")),
                TrainingConfigJson = Meta("training_config"),
                OptimizerSteps = long.Parse(Meta("optimizer_steps"), System.Globalization.CultureInfo.InvariantCulture),
                Model = Group(tensors, ModelPrefix),
                Optimizer = Group(tensors, OptimizerPrefix),
                TorchRandomState = tensors.GetValueOrDefault(RngKey),
            };
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw new InvalidDataException($"{path}: unreadable checkpoint metadata: {e.Message}", e);
        }
    }

    // The safetensors layer names a damaged file with a WeightFileException; a checkpoint's readers (resume, export,
    // DPO) expect InvalidDataException, as before the layer was shared.
    private static (Dictionary<string, Tensor> Tensors, IReadOnlyDictionary<string, string> Metadata) ReadFile(string path)
    {
        try
        {
            using var reader = SafeTensorsReader.Open(path);
            return (reader.ReadTensors(), reader.Metadata);
        }
        catch (WeightFileException error)
        {
            throw new InvalidDataException($"{error.File}: not a readable checkpoint: {error.Problem}", error);
        }
    }

    private static Dictionary<string, Tensor> Group(Dictionary<string, Tensor> tensors, string prefix) =>
        tensors.Where(t => t.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(t => t.Key[prefix.Length..], t => t.Value);

    public void Dispose()
    {
        foreach (var t in Model.Values) t.Dispose();
        foreach (var t in Optimizer.Values) t.Dispose();
        TorchRandomState?.Dispose();
    }
}
