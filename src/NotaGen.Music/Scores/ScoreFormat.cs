namespace NotaGen.Music.Scores;

/// <summary>The score formats the workbench reads and writes, told apart by file extension.</summary>
public enum ScoreFormat
{
    Abc,
    MusicXml,
    Midi,
}

public static class ScoreFormats
{
    /// <summary>The format of <paramref name="path"/>, or null for a file that is not a score.</summary>
    public static ScoreFormat? Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".abc" => ScoreFormat.Abc,
        ".mxl" or ".musicxml" or ".xml" => ScoreFormat.MusicXml,
        ".mid" or ".midi" => ScoreFormat.Midi,
        _ => null,
    };

    /// <summary>The extension written for <paramref name="format"/>.</summary>
    public static string Extension(ScoreFormat format) => format switch
    {
        ScoreFormat.Abc => ".abc",
        ScoreFormat.MusicXml => ".musicxml",
        _ => ".mid",
    };

    /// <summary>What a caller lists when a file's extension is not a score's.</summary>
    public const string Expected = ".abc, .musicxml/.xml/.mxl or .mid/.midi";
}
