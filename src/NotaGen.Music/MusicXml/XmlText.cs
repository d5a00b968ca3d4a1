using System.Globalization;

namespace NotaGen.Music.MusicXml;

/// <summary>Exact readers of MusicXML text: integers that must be integers, numbers that must be finite.</summary>
internal static class XmlText
{
    /// <summary>Parses an integer like Python's int(): surrounding blanks allowed, nothing else.</summary>
    public static bool TryInt(string? text, out long value) =>
        long.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryNumber(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
