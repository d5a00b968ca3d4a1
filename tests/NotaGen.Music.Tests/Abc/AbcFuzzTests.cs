using System.Text;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.Abc.Writing;
using NotaGen.Testing;
using Xunit;
using Xunit.Abstractions;

namespace NotaGen.Music.Tests.Abc;

/// <summary>
/// Seeded random mutations of real ABC files (characters and lines deleted, duplicated, swapped, ABC symbols
/// inserted) never crash or hang the engine: parsing reports problems as diagnostics with a position, the writer
/// still gives the mutated text back exactly, and interpreting and the events view finish.
/// </summary>
public sealed class AbcFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261124;
    private const int Mutations = 4000;
    private static readonly TimeSpan TimeBox = TimeSpan.FromSeconds(10);
    private const string AbcSymbols = "[]{}()|:!\"+^_=,'/<>-%\\&.~0123456789zZxXyABCabcKLMVT \n";

    [SkippableFact]
    public void Random_mutations_of_real_files_never_crash_or_hang()
    {
        var random = new Random(Seed);
        var sources = SharedData.Files("golden/xml2abc", ".abc").Where((_, i) => i % 40 == 0)
            .Concat(SharedData.Files("testdata/abc", ".abc").Where((_, i) => i % 4 == 0))
            .Select(File.ReadAllText)
            .Select(text => text.Length > 12_000 ? text[..12_000] : text) // the first pages: mutations matter, not size
            .ToList();
        var diagnosticsSeen = 0;
        var failures = new List<string>();
        for (var n = 0; n < Mutations && failures.Count < 5; n++)
        {
            var source = sources[random.Next(sources.Count)];
            var mutated = Mutate(source, random);
            var work = Task.Run(() => Exercise(mutated));
            if (!work.Wait(TimeBox))
            {
                failures.Add($"mutation {n} (seed {Seed}) did not finish within {TimeBox.TotalSeconds} s");
                continue;
            }
            if (work.Result.Problem is { } problem)
                failures.Add($"mutation {n} (seed {Seed}): {problem}");
            diagnosticsSeen += work.Result.Diagnostics;
        }
        output.WriteLine($"{Mutations} seeded mutations of {sources.Count} files: {failures.Count} failures, {diagnosticsSeen} diagnostics reported");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(diagnosticsSeen > 0, "mutations should produce some errors");
    }

    private static (string? Problem, int Diagnostics) Exercise(string text)
    {
        try
        {
            var document = AbcParser.Parse(text, "fuzz.abc");
            if (document.Diagnostics.Any(d => d.Line < 1 || d.Column < 1 || d.File != "fuzz.abc"))
                return ("a diagnostic without a position", 0);
            if (AbcWriter.Write(document) != text)
                return ("the writer did not give the text back", 0);
            var count = document.Diagnostics.Count;
            foreach (var tune in document.Tunes)
            {
                var semantics = AbcInterpreter.Interpret(tune, "fuzz.abc");
                _ = semantics.ToScoreEvents();
                count += semantics.Diagnostics.Count + AbcBarCheck.Check(semantics).Count;
            }
            if (document.HasErrors)
            {
                var exception = Assert.Throws<AbcParseException>(() => document.ThrowIfErrors());
                if (exception.Line < 1 || exception.Column < 1)
                    return ("the parse exception has no position", count);
            }
            return (null, count);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return ($"{e.GetType().Name}: {e.Message}\n{e.StackTrace}", 0);
        }
    }

    private static string Mutate(string text, Random random)
    {
        var builder = new StringBuilder(text);
        var operations = random.Next(1, 6);
        for (var k = 0; k < operations && builder.Length > 1; k++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(7))
            {
                case 0: // delete a character
                    builder.Remove(at, 1);
                    break;
                case 1: // duplicate a character
                    builder.Insert(at, builder[at]);
                    break;
                case 2: // swap two neighbours
                    if (at + 1 < builder.Length)
                        (builder[at], builder[at + 1]) = (builder[at + 1], builder[at]);
                    break;
                case 3: // insert an ABC symbol
                    builder.Insert(at, AbcSymbols[random.Next(AbcSymbols.Length)]);
                    break;
                default: // line operations: delete, duplicate or swap lines
                    {
                        var lines = builder.ToString().Split('\n').ToList();
                        var line = random.Next(lines.Count);
                        var other = random.Next(lines.Count);
                        switch (random.Next(3))
                        {
                            case 0:
                                lines.RemoveAt(line);
                                break;
                            case 1:
                                lines.Insert(line, lines[line]);
                                break;
                            default:
                                (lines[line], lines[other]) = (lines[other], lines[line]);
                                break;
                        }
                        builder.Clear().Append(string.Join('\n', lines));
                        break;
                    }
            }
        }
        return builder.ToString();
    }
}

public sealed class AbcHostileInputTests
{
    [Theory]
    [InlineData("X:1\nL:1/8\nK:C\nA/999983 B/999979 c/999961 d/999959 e/999953 f/999931 g/999907|\n")]
    [InlineData("X:1\nL:1/8\nK:C\nZ999999|X99999999|\n")]
    [InlineData("X:1\nK:C\n[[[[[[{{{{(((((!!!!\"\"\"\"\n")]
    [InlineData("X:1\nK:C\n(999999:999999:999999 A B C|\n")]
    [InlineData("X:1\nM:999999/1\nL:1/999999\nK:C\nA99999999|\n")]
    [InlineData("\0\u0001\uFFFF\r\r\n\n:X:\n")]
    public void Hostile_input_is_reported_not_thrown(string text)
    {
        var document = AbcParser.Parse(text, "bad.abc");
        Assert.Equal(text, AbcWriter.Write(document));
        foreach (var tune in document.Tunes)
            _ = AbcInterpreter.Interpret(tune, "bad.abc").ToScoreEvents();
        Assert.All(document.Diagnostics, d => Assert.True(d.Line >= 1 && d.Column >= 1));
    }
}
