using NotaGen.Generation.Continuation;
using NotaGen.Music;
using NotaGen.Music.Scores;

namespace NotaGen.Web.Requests;

/// <summary>
/// A score the page uploaded to be continued, read by <see cref="ContinuationPrompt"/> exactly as
/// <c>notagen generate --continue</c> reads a file (the same readers, normalisation and constraint check, so an
/// upload the grammar refuses gets the same message, naming the bar, voice and construct). The uploaded name only
/// picks the reader and labels errors: the bytes go to a file whose path the server makes.
/// </summary>
/// <param name="Name">The uploaded file's name reduced to safe characters, for display and errors only.</param>
/// <param name="Prompt">The score as a continuation prompt in NotaGen's format.</param>
public sealed record UploadedScore(string Name, ContinuationPrompt Prompt)
{
    /// <summary>Reads an upload for <paramref name="request"/> (its constraint, prompt and bars to add).</summary>
    public static UploadedScore Read(byte[] content, string uploadedName, WebPieceRequest request)
    {
        var name = SafeName(uploadedName);
        if (ScoreFormats.Of(name) is null)
            throw new BadPieceRequestException("score", $"{name}: expected an {ScoreFormats.Expected} file");

        var folder = Directory.CreateTempSubdirectory("notagen-upload-");
        try
        {
            var path = Path.Combine(folder.FullName, "upload" + Path.GetExtension(name).ToLowerInvariant());
            File.WriteAllBytes(path, content);
            var settings = new ContinuationSettings(request.Constraint, request.Bars ?? WebPieceRequest.DefaultMoreBars, PromptLines: request.Prompt.Lines);
            return new UploadedScore(name, ContinuationPrompt.ReadFile(path, settings, label: name));
        }
        catch (MusicFormatException e)
        {
            var where = string.IsNullOrEmpty(e.Location) ? "" : ":" + e.Location;
            throw new BadPieceRequestException("score", $"{name}{where}: {e.Problem}");
        }
        catch (ArgumentException e)
        {
            throw new BadPieceRequestException("score", e.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string SafeName(string uploaded)
    {
        var last = uploaded.Replace('\\', '/').Split('/')[^1];
        var safe = new string(last.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ' ' ? c : '_').ToArray()).Trim();
        return safe.Length is 0 or > 100 ? "upload" + Path.GetExtension(safe) : safe;
    }
}
