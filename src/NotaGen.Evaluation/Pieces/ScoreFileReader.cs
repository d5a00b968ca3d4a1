using NotaGen.Music.Midi;
using NotaGen.Music.Scores;

namespace NotaGen.Evaluation.Pieces;

/// <summary>A score file read for classification: its notes and its bar count, whatever the format.</summary>
public sealed record ScoreFile(string Path, AnalyzedPiece? Abc, NotaGen.Music.Events.ScoreEvents Events, int Bars);

/// <summary>
/// Reads ABC (standard or NotaGen's format), MusicXML (<c>.musicxml</c>, <c>.xml</c>, <c>.mxl</c>, converted to ABC
/// as the corpus converts it) or MIDI (<c>.mid</c>, <c>.midi</c>). An ABC or MusicXML piece that does not parse is a
/// <see cref="NotaGen.Music.MusicFormatException"/> naming the file and line:column.
/// </summary>
public static class ScoreFileReader
{
    public static ScoreFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var format = ScoreFormats.Of(path);
        if (format == ScoreFormat.Midi)
        {
            var (events, bars) = MidiScore.Read(SmfReader.ReadFile(path));
            return new ScoreFile(path, null, events, bars);
        }
        // A file whose name is not a score's is read as ABC text, as it always was here.
        var abc = format is null ? File.ReadAllText(path) : ScoreFiles.Load(path);
        var piece = AnalyzedPiece.FromAbc(abc, path);
        if (!piece.Parses)
        {
            var first = piece.Errors.Count > 0 ? piece.Errors[0] : "could not be read";
            // Errors read "path:line:col: message"; the exception carries the location on its own.
            var rest = first.StartsWith(path + ":", StringComparison.Ordinal) ? first[(path.Length + 1)..] : first;
            var colon = rest.IndexOf(": ", StringComparison.Ordinal);
            throw colon > 0 && char.IsAsciiDigit(rest[0])
                ? new NotaGen.Music.MusicFormatException(path, rest[..colon], rest[(colon + 2)..])
                : new NotaGen.Music.MusicFormatException(path, "", rest);
        }
        return new ScoreFile(path, piece, piece.Events!, Math.Max(1, piece.Semantics!.Voices.Select(v => v.Bars.Count).DefaultIfEmpty(0).Max()));
    }
}
