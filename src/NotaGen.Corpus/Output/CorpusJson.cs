using System.Text.Encodings.Web;
using System.Text.Json;

namespace NotaGen.Corpus.Output;

/// <summary>The JSON settings of every corpus file: snake_case like the trainer's reader, no nulls, compact.</summary>
public static class CorpusJson
{
    public static readonly JsonSerializerOptions Lines = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new(Lines) { WriteIndented = true };
}
