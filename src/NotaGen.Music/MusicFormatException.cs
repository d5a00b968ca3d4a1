namespace NotaGen.Music;

/// <summary>
/// Bad input in a score file. The message reads <c>file:location: what is wrong</c>, where location is
/// <c>line:column</c> for text formats, <c>part P1, measure 12</c> for MusicXML and <c>track 2, byte 345</c> for MIDI.
/// Every reader in the music library throws this type (or a subclass) and nothing else for malformed input.
/// </summary>
public class MusicFormatException : Exception
{
    public MusicFormatException(string file, string location, string problem, Exception? inner = null)
        : base(Format(file, location, problem), inner)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file name as the user gave it ("&lt;input&gt;" for text without a file).</summary>
    public string File { get; }

    /// <summary>Where in the file: "12:7", "part P1, measure 3", "track 2, byte 345".</summary>
    public string Location { get; }

    /// <summary>What is wrong, in words a person understands.</summary>
    public string Problem { get; }

    private static string Format(string file, string location, string problem) =>
        string.IsNullOrEmpty(location) ? $"{file}: {problem}" : $"{file}:{location}: {problem}";
}
