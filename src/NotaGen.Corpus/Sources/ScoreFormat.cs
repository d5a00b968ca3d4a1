namespace NotaGen.Corpus.Sources;

/// <summary>The score formats a corpus folder may hold, told apart by file extension.</summary>
public enum ScoreFormat
{
    Abc,
    MusicXml,
    Midi,
}

public static class ScoreFormats
{
    /// <summary>The format of <paramref name="path"/>, or null for files the corpus ignores.</summary>
    public static ScoreFormat? Of(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".abc" => ScoreFormat.Abc,
        ".mxl" or ".musicxml" or ".xml" => ScoreFormat.MusicXml,
        ".mid" or ".midi" => ScoreFormat.Midi,
        _ => null,
    };
}
