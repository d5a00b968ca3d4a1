using NotaGen.Music;
using NotaGen.Music.NotaGenFormat;

namespace NotaGen.Tokenization;

/// <summary>
/// NotaGen's "Patchilizer" (reference c): turns a document in NotaGen's training format (optional prompt lines,
/// header, interleaved rest-reduced body) into 16-character patches and back. Header lines are patched one by one;
/// body lines get <c>[r:i/j]</c> counters and are patched one voice-bar segment at a time. A text whose length is not a
/// multiple of 16 gets one EOS id before it is chunked, and the last chunk is padded with PAD.
/// </summary>
public sealed class BarPatchTokenizer
{
    public BarPatchTokenizer(int contextPatches = PatchVocabulary.DefaultContextPatches)
    {
        if (contextPatches < 2)
            throw new ArgumentOutOfRangeException(nameof(contextPatches), contextPatches, "the context must hold at least the BOS and one more patch");
        ContextPatches = contextPatches;
    }

    /// <summary>The model's context length in patches (NotaGen's PATCH_LENGTH).</summary>
    public int ContextPatches { get; }

    /// <summary>
    /// The patches NotaGen's training encoder gives for a document without bar counters (it adds them). A piece longer
    /// than the context is cropped at a body line start chosen with <paramref name="random"/> (head crop without one).
    /// </summary>
    public IReadOnlyList<Patch> EncodeTraining(string document, Random? random = null, string source = "<input>") =>
        EncodeTrainingDetailed(document, random, source).Patches;

    /// <summary><see cref="EncodeTraining"/> with the crop it chose.</summary>
    public TrainingEncoding EncodeTrainingDetailed(string document, Random? random = null, string source = "<input>")
    {
        CharacterCheck.RequireText(document, source);
        var lines = DocumentLines.ForTraining(document);
        var bodyLines = BarCounters.Add(lines.Body);

        var header = new List<Patch> { Patch.Begin };
        header.AddRange(PatchHeader(lines.Header));
        var body = PatchBody(bodyLines, leaveLastOpen: false);
        body.Add(Patch.End);

        var crop = StreamCrop.None;
        var firstLine = 0;
        if (header.Count + body.Count > ContextPatches)
            (crop, firstLine, body) = Crop(header.Count, body, bodyLines, random);

        var patches = header.Concat(body).Take(ContextPatches).ToList();
        return new TrainingEncoding(patches, Math.Min(header.Count, ContextPatches), crop, firstLine);
    }

    /// <summary>
    /// NotaGen's generation encoder: a partial piece whose body lines already carry their counters. Nothing is
    /// appended after the last body segment and its last patch is left unpadded (shorter than 16) so the model
    /// continues it; there is no EOS patch. Truncated to the context.
    /// </summary>
    /// <param name="partialDocument">Prompt lines, header and the body written so far.</param>
    /// <param name="closeFinishedLine">
    /// When the text ends with a newline, patch its last segment like a training segment (EOS id, padding) so the model
    /// starts the next line on a fresh patch. NotaGen leaves even a finished line open; off by default.
    /// </param>
    /// <param name="source">Name for error messages.</param>
    public IReadOnlyList<Patch> EncodeForGeneration(string partialDocument, bool closeFinishedLine = false, string source = "<input>")
    {
        CharacterCheck.RequireText(partialDocument, source);
        var lines = DocumentLines.ForGeneration(partialDocument);
        var patches = new List<Patch> { Patch.Begin };
        if (lines.Body.Count == 0)
        {
            // No body yet: the header is what is being written, so its last line may be the open one.
            var open = !partialDocument.EndsWith('\n') && lines.Header.Count > 0;
            patches.AddRange(PatchHeader(lines.Header.Take(lines.Header.Count - (open ? 1 : 0))));
            if (open)
                patches.AddRange(PatchText(lines.Header[^1], leaveOpen: true));
        }
        else
        {
            patches.AddRange(PatchHeader(lines.Header));
            var leaveOpen = !(closeFinishedLine && partialDocument.EndsWith('\n'));
            patches.AddRange(PatchBody(lines.Body, leaveOpen));
        }
        return patches.Take(ContextPatches).ToList();
    }

    /// <summary>
    /// The text of a list of patches: BOS and EOS patches are skipped, every other patch contributes its characters up
    /// to its first EOS id. <c>Decode(EncodeTraining(x))</c> is <c>x</c> with its counters added (see
    /// <see cref="BarCounters"/> of NotaGen.Music.NotaGenFormat), blank lines dropped and a final newline.
    /// </summary>
    public static string Decode(IEnumerable<Patch> patches) =>
        string.Concat(patches.Where(p => !p.IsBeginPatch && !p.IsEndPatch).Select(p => p.ToText()));

    /// <summary>The patches of header lines: each line on its own.</summary>
    public static IEnumerable<Patch> PatchHeader(IEnumerable<string> headerLines) =>
        headerLines.SelectMany(line => PatchText(line, leaveOpen: false));

    /// <summary>The patches of body lines: each voice-bar segment on its own; optionally the very last one left open.</summary>
    public static List<Patch> PatchBody(IReadOnlyList<string> bodyLines, bool leaveLastOpen)
    {
        var segments = bodyLines.SelectMany(BarSegmenter.Split).ToList();
        var patches = new List<Patch>();
        for (var i = 0; i < segments.Count; i++)
            patches.AddRange(PatchText(segments[i], leaveOpen: leaveLastOpen && i == segments.Count - 1));
        return patches;
    }

    /// <summary>
    /// One line or segment in 16-character chunks. Closed: an EOS id is appended unless the length is a multiple of 16,
    /// and the last chunk is padded. Open: neither, so a short last chunk stays short.
    /// </summary>
    public static IEnumerable<Patch> PatchText(string text, bool leaveOpen)
    {
        if (!leaveOpen && text.Length % PatchVocabulary.PatchSize != 0)
            text += (char)PatchVocabulary.Eos;
        for (var start = 0; start < text.Length; start += PatchVocabulary.PatchSize)
        {
            var chunk = text.Substring(start, Math.Min(PatchVocabulary.PatchSize, text.Length - start));
            yield return Patch.FromChunk(chunk, leaveOpen);
        }
    }

    private (StreamCrop Crop, int FirstLine, List<Patch> Body) Crop(
        int headerCount, List<Patch> body, IReadOnlyList<string> bodyLines, Random? random)
    {
        // Cut points are body line starts: 0 and every patch after one holding a line's '\n'.
        var cutPoints = new List<int> { 0 };
        for (var i = 0; i < body.Count; i++)
        {
            if (body[i].Contains('\n'))
                cutPoints.Add(i + 1);
        }

        // The earliest cut from which header + rest fits; later cuts are never useful.
        var overflow = headerCount + body.Count - ContextPatches;
        var firstFitting = cutPoints.BinarySearch(overflow);
        if (firstFitting < 0)
            firstFitting = ~firstFitting;
        var usable = Math.Min(firstFitting + 1, cutPoints.Count);

        var choices = usable switch
        {
            1 => new[] { StreamCrop.Head },
            2 => new[] { StreamCrop.Head, StreamCrop.Tail },
            _ => new[] { StreamCrop.Head, StreamCrop.Tail, StreamCrop.Middle },
        };
        var choice = random is null ? StreamCrop.Head : choices[random.Next(choices.Length)];
        if (choice == StreamCrop.Head)
            return (choice, 0, body);

        var line = choice == StreamCrop.Tail ? usable - 1 : random!.Next(1, usable - 1);
        var kept = PatchBody(bodyLines.Skip(line).ToList(), leaveLastOpen: false);
        kept.Add(Patch.End);
        return (choice, line, kept);
    }
}
