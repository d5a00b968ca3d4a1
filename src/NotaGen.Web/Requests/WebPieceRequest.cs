using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using NotaGen.Generation.Constraints;
using NotaGen.Generation.Sampling;
using NotaGen.Modeling.Conditioning;
using NotaGen.Music.NotaGenFormat;
using NotaGen.Web.Settings;

namespace NotaGen.Web.Requests;

/// <summary>
/// What the page asks for, checked: a known style prompt, sampling controls in range, a seed, a bar count within the
/// server's limit, forced key and meter in ABC's syntax, a decoding constraint, and optionally a score to continue (already in NotaGen's
/// format, read by <see cref="UploadedScore"/>). Every problem is a <see cref="BadPieceRequestException"/> naming the form field.
/// </summary>
public sealed record WebPieceRequest(
    StylePrompt Prompt,
    SamplingOptions Sampling,
    ulong Seed,
    int? Bars,
    string? Key,
    string? Meter,
    ConstraintLevel Constraint,
    UploadedScore? Continuation)
{
    /// <summary>The form checked; the prompt through <paramref name="conditioning"/> (the model's catalog, when it has one).</summary>
    public static WebPieceRequest Parse(IFormCollection form, ModelConditioning conditioning, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(conditioning);
        var prompt = new StylePrompt(Required(form, "period"), Required(form, "composer"), Required(form, "instrumentation"));
        try
        {
            prompt = conditioning.Resolve(prompt);
        }
        catch (UnknownPromptException e)
        {
            throw new BadPieceRequestException("composer", e.Message);
        }
        var sampling = new SamplingOptions(
            Int(form, "top_k", 9, 0, 128),
            Number(form, "top_p", 0.9, 0.01, 1),
            Number(form, "temperature", 1.2, 0, 3));
        var seed = (ulong)Long(form, "seed", 0, 0, uint.MaxValue);
        var bars = Optional(form, "bars") is null ? (int?)null : Int(form, "bars", 8, 1, settings.MaxBars);
        var key = Matching(form, "key", PageControl.KeyPattern);
        var meter = Matching(form, "meter", PageControl.MeterPattern);
        var constraint = Optional(form, "constraint") switch
        {
            null or "structure" => ConstraintLevel.Structure,
            "syntax" => ConstraintLevel.Syntax,
            "none" => ConstraintLevel.None,
            var other => throw new BadPieceRequestException("constraint", $"must be none, syntax or structure, got '{other}'"),
        };
        return new WebPieceRequest(prompt, sampling, seed, bars, key, meter, constraint, null);
    }

    /// <summary>Bars added to an uploaded score when the request names no bar count.</summary>
    public const int DefaultMoreBars = 8;

    /// <summary>With a score to continue: its own header gives key and meter, and the bars are bars to add.</summary>
    public WebPieceRequest Continuing(UploadedScore score)
    {
        if (Key is not null || Meter is not null)
            throw new BadPieceRequestException("key", "a continuation takes its key and meter from the uploaded score: leave key and meter empty");
        return this with { Continuation = score };
    }

    private static string? Optional(IFormCollection form, string name)
    {
        var value = form[name].ToString().Trim();
        return value.Length == 0 ? null : value;
    }

    private static string Required(IFormCollection form, string name) =>
        Optional(form, name) ?? throw new BadPieceRequestException(name, "is required");

    private static int Int(IFormCollection form, string name, int fallback, int min, int max) =>
        (int)Long(form, name, fallback, min, max);

    private static long Long(IFormCollection form, string name, long fallback, long min, long max)
    {
        if (Optional(form, name) is not { } text)
            return fallback;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new BadPieceRequestException(name, $"must be a whole number from {min} to {max}, got '{text}'");
        return value;
    }

    private static double Number(IFormCollection form, string name, double fallback, double min, double max)
    {
        if (Optional(form, name) is not { } text)
            return fallback;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value >= min && value <= max))
            throw new BadPieceRequestException(name, $"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        return value;
    }

    private static string? Matching(IFormCollection form, string name, string pattern)
    {
        if (Optional(form, name) is not { } text)
            return null;
        if (!Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            throw new BadPieceRequestException(name, $"'{text}' is not an ABC {name} this page accepts");
        return text;
    }
}

/// <summary>A form field the server cannot accept; the message names it.</summary>
public sealed class BadPieceRequestException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;
}
