using System.CommandLine;
using System.Text;
using NotaGen.Music;
using NotaGen.Tokenization;

namespace NotaGen.Cli.Commands;

/// <summary>
/// <c>notagen tokenize FILE.abc [--generate-mode] [--json]</c>: the patches NotaGen's encoder gives for a piece in
/// NotaGen's training format (training encoder, which adds the bar counters), or with <c>--generate-mode</c> for a
/// partial piece that already carries them. <c>--json</c> prints <c>{"patches": [[id, ...], ...]}</c> (a stable format
/// read by outside checks); otherwise a listing like the reference's tokenizer-example.txt.
/// </summary>
internal static class TokenizeCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "ABC text in NotaGen's training format (prompt lines, header, interleaved body)." };
        var generateMode = new Option<bool>("--generate-mode") { Description = "Use the generation encoder: body lines already carry [r:] counters; the last patch stays open." };
        var json = new Option<bool>("--json") { Description = "Print {\"patches\": [[id, ...], ...]}." };
        var context = new Option<int>("--context") { Description = "Context length in patches (NotaGen-small/medium: 2048, large/X: 1024).", DefaultValueFactory = _ => PatchVocabulary.DefaultContextPatches };
        var seed = new Option<int?>("--seed") { Description = "Seed for the random crop of a piece longer than the context (default: keep the head)." };

        var command = new Command("tokenize", "Show the bar patches NotaGen's tokenizer makes for a piece.") { file, generateMode, json, context, seed };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            try
            {
                var text = File.ReadAllText(path.FullName, Encoding.UTF8);
                var tokenizer = new BarPatchTokenizer(parse.GetValue(context));
                var seedValue = parse.GetValue(seed);
                var patches = parse.GetValue(generateMode)
                    ? tokenizer.EncodeForGeneration(text, source: path.Name)
                    : tokenizer.EncodeTraining(text, seedValue is null ? null : new Random(seedValue.Value), path.Name);
                Console.Out.Write(parse.GetValue(json) ? PatchJson(patches) : PatchListing.Format(patches));
                return 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or MusicFormatException or ArgumentException)
            {
                Console.Error.WriteLine($"notagen tokenize: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>One line, spaced like Python's json.dumps, so outside checks can compare text as well as values.</summary>
    private static string PatchJson(IReadOnlyList<Patch> patches)
    {
        var text = new StringBuilder("{\"patches\": [");
        for (var i = 0; i < patches.Count; i++)
        {
            if (i > 0)
                text.Append(", ");
            text.Append('[').AppendJoin(", ", patches[i]).Append(']');
        }
        return text.Append("]}\n").ToString();
    }
}
