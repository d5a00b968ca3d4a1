using System.Globalization;
using NotaGen.Web.Settings;

namespace NotaGen.Web.Requests;

/// <summary>
/// One input of the page's form, described by the server: the page draws its controls from this list
/// (<c>GET /api/options</c>), so a new generation option is one entry here and one line in
/// <see cref="WebPieceRequest.Parse"/>, with no change to the page's script.
/// </summary>
/// <param name="Name">The form field's name.</param>
/// <param name="Kind">int, number, text or select.</param>
/// <param name="Default">The initial value as the page shows it ("" = empty).</param>
/// <param name="Pattern">For text: a regular expression the value must match (checked again on the server).</param>
public sealed record PageControl(
    string Name,
    string Label,
    string Kind,
    string Default,
    double? Min = null,
    double? Max = null,
    double? Step = null,
    string? Pattern = null,
    string? Help = null,
    IReadOnlyList<string>? Choices = null)
{
    public const string KeyPattern = "^(none|[A-G][#b]?(m|min|maj|ion|dor|phr|lyd|mix|aeo|loc)?)$";
    public const string MeterPattern = "^(C\\|?|[1-9][0-9]?/(1|2|4|8|16|32))$";

    /// <summary>The sampling, length and header controls, with this server's limits.</summary>
    public static IReadOnlyList<PageControl> For(ServerSettings settings) =>
    [
        new("top_k", "top-k", "int", "9", Min: 0, Max: 128, Step: 1, Help: "characters kept (0: all)"),
        new("top_p", "top-p", "number", "0.9", Min: 0.01, Max: 1, Step: 0.01, Help: "probability mass kept"),
        new("temperature", "temperature", "number", "1.2", Min: 0, Max: 3, Step: 0.05, Help: "0: always the most probable character"),
        new("seed", "seed", "int", "0", Min: 0, Max: 4294967295, Step: 1, Help: "same seed, same piece"),
        new("bars", "bars", "int", "8", Min: 1, Max: settings.MaxBars, Step: 1,
            Help: $"bars to write (with a score to continue: bars to add); empty lets the model decide, within {settings.MaxSeconds.ToString(CultureInfo.InvariantCulture)} s"),
        new("key", "key", "text", "", Pattern: KeyPattern, Help: "force the key, e.g. G or Am (empty: the model's)"),
        new("meter", "meter", "text", "", Pattern: MeterPattern, Help: "force the meter, e.g. 3/4 (empty: the model's)"),
        new("constraint", "constraint", "select", "structure", Choices: ["none", "syntax", "structure"],
            Help: "hold the decoder to NotaGen's format: none (the model alone), syntax, or structure (every voice fills every bar)"),
    ];
}
