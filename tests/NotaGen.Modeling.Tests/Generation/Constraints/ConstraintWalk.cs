using System.Text;
using NotaGen.Generation.Constraints;
using NotaGen.Tokenization;

namespace NotaGen.Modeling.Tests.Generation.Constraints;

/// <summary>
/// A seeded random walk through the constraint: at every position of every patch, one id drawn uniformly from the
/// allowed set, as a decoder would sample it. Returns the text (EOS and the end patch are structure, not text).
/// </summary>
internal static class ConstraintWalk
{
    public const string Prompt = "%Romantic\n%Schubert, Franz\n%Art Song\n";

    public static string Run(ScoreGrammar grammar, int seed, string prompt = Prompt, int maxIds = 400_000)
    {
        var random = new Random(seed);
        var cursor = grammar.Start();
        Assert(cursor.AdvanceText(prompt, out var failed), $"prompt refused at {failed}");
        var text = new StringBuilder(prompt);
        Span<bool> allowed = stackalloc bool[128];
        var candidates = new List<int>(128);
        var position = 0;
        for (var step = 0; step < maxIds; step++)
        {
            if (grammar.Bars is { } bars && cursor.InBody && cursor.BodyLines >= bars)
                return text.ToString();
            var count = cursor.Allowed(position, allowed);
            if (count == 0)
                throw new InvalidOperationException($"dead end after {text.Length} characters ({cursor.Describe()}):\n{text}");
            candidates.Clear();
            for (var id = 0; id < 128; id++)
            {
                if (allowed[id])
                    candidates.Add(id);
            }
            var choice = candidates[random.Next(candidates.Count)];
            Assert(cursor.Advance(choice, position), "an allowed id was refused");
            if (cursor.Ended)
                return text.ToString();
            if (choice == PatchVocabulary.Eos)
            {
                position = 0;
                continue;
            }
            text.Append((char)choice);
            position = (position + 1) % PatchVocabulary.PatchSize;
        }
        throw new InvalidOperationException($"no end after {maxIds} ids:\n{text}");
    }

    private static void Assert(bool condition, string message)
    {
        if (!condition)
            throw new InvalidOperationException(message);
    }
}
