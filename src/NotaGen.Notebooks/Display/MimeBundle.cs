using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace NotaGen.Notebooks.Display;

/// <summary>
/// Turns a value into a Jupyter mime bundle through the formatter registry of
/// Microsoft.DotNet.Interactive.Formatting (keyed by type and MIME type), so a formatter registered with
/// <c>Formatter.Register&lt;T&gt;(..., "text/html")</c> applies here and in legacy Polyglot Notebooks alike.
/// </summary>
public static class MimeBundle
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";

    static MimeBundle() => WorkbenchFormatters.EnsureRegistered();

    /// <summary>
    /// The value as one chosen MIME type (plus text/plain): a string is taken as already in that form (markup, SVG,
    /// JSON text, base64 for images), bytes are base64-encoded, anything else goes through the formatter registered
    /// for that MIME type. Null <paramref name="mime"/>: every MIME type the registry prefers for the value.
    /// </summary>
    public static JsonObject For(object? value, string? mime)
    {
        if (mime is null || mime == PlainText)
            return For(value);
        var text = value switch
        {
            string s => s,
            byte[] bytes => Convert.ToBase64String(bytes),
            null => "",
            _ => value.ToDisplayString(mime),
        };
        return new JsonObject
        {
            [mime] = IsJson(mime) ? JsonNode.Parse(text) : text,
            [PlainText] = value is string or byte[] || value is null ? $"({mime})" : PlainTextOf(value),
        };
    }

    public static JsonObject For(object? value)
    {
        var bundle = new JsonObject();
        if (value is null)
        {
            bundle[PlainText] = "null";
            return bundle;
        }
        var type = value.GetType();
        if (!IsScalar(type))
        {
            foreach (var mime in Formatter.GetPreferredMimeTypesFor(type))
            {
                if (mime == PlainText)
                    continue;
                var text = value.ToDisplayString(mime);
                // A formatter writes nothing for a form it cannot make (a chart's PNG without Chromium): left out.
                if (text.Length > 0)
                    bundle[mime] = IsJson(mime) ? JsonNode.Parse(text) : text;
            }
        }
        bundle[PlainText] = PlainTextOf(value);
        return bundle;
    }

    /// <summary>JSON MIME types (application/json, application/vnd.plotly.v1+json) travel as JSON, not as a string:
    /// the protocol and nbformat say so, and front ends' renderers expect an object.</summary>
    public static bool IsJson(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    /// <summary>Numbers, strings and the like read best as plain text; an HTML table of one value adds nothing.</summary>
    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
        || type == typeof(DateTimeOffset) || type == typeof(TimeSpan) || type == typeof(Guid);

    private static string PlainTextOf(object value)
    {
        if (value is string text)
            return text;
        // A type that overrides ToString (records, Rational, ...) says best how it wants to read; others get the
        // registry's plain-text rendering (property lists, sequences).
        var toString = value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes);
        return toString?.DeclaringType != typeof(object) && !IsSequence(value)
            ? value.ToString() ?? ""
            : value.ToDisplayString(PlainText);
    }

    private static bool IsSequence(object value) => value is System.Collections.IEnumerable and not string;
}
