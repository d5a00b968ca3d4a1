using System.Text;
using NotaGen.Music;
using NotaGen.Music.Scores;

namespace NotaGen.Web.Generation;

/// <summary>
/// A score the page uploaded to be continued, in NotaGen's format (cleaned, interleaved, rest-reduced, with bar
/// counters). It is read with the readers <c>notagen convert</c> uses, so the same input limits apply (MusicXML and
/// <c>.mxl</c> size caps, the MIDI reader's checks). The uploaded name only picks the reader and labels errors: the
/// bytes go to a file whose path the server makes.
/// </summary>
/// <param name="Name">The uploaded file's name reduced to safe characters, for display and errors only.</param>
public sealed record UploadedScore(string Name, string NotaGenText, int Bars)
{
    public static UploadedScore Read(byte[] content, string uploadedName)
    {
        var name = SafeName(uploadedName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (ScoreFormats.Of(name) is not { } format)
            throw new BadPieceRequestException("score", $"{name}: expected an {ScoreFormats.Expected} file");

        var folder = Directory.CreateTempSubdirectory("notagen-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, "upload" + extension);
            File.WriteAllBytes(path, content);
            // ABC in NotaGen's interleaved form (what this page and `notagen generate` write) is read as
            // `notagen convert --interleaved` reads it.
            var interleaved = format == ScoreFormat.Abc && IsInterleaved(Encoding.UTF8.GetString(content));
            var abc = ScoreFiles.Load(path, new ScoreReadOptions(InterleavedAbc: interleaved));
            var text = Music.NotaGenFormat.NotaGenText.FromStandardAbc(abc, name);
            var bars = text.Split('\n').Count(l => l.StartsWith("[r:", StringComparison.Ordinal));
            if (bars == 0)
                throw new BadPieceRequestException("score", $"{name}: the score has no bars to continue");
            return new UploadedScore(name, text, bars);
        }
        catch (MusicFormatException e)
        {
            // The reader names the server's copy; the user knows the file by its own name.
            var where = string.IsNullOrEmpty(e.Location) ? "" : ":" + e.Location;
            throw new BadPieceRequestException("score", $"{name}{where}: {e.Problem}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static bool IsInterleaved(string text) =>
        text.Split('\n').Any(l => l.StartsWith("[V:", StringComparison.Ordinal) || l.StartsWith("[r:", StringComparison.Ordinal));

    private static string SafeName(string uploaded)
    {
        var last = uploaded.Replace('\\', '/').Split('/')[^1];
        var safe = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' ? c : '_').ToArray()).Trim();
        return safe.Length is 0 or > 100 ? "upload" + Path.GetExtension(safe) : safe;
    }
}
