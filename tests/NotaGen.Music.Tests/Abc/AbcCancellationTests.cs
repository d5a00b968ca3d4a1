using System.Text;
using NotaGen.Music.Abc.Parsing;
using NotaGen.Music.Abc.Semantics;
using NotaGen.Music.MusicXml;
using Xunit;

namespace NotaGen.Music.Tests.Abc;

/// <summary>
/// A conversion given up on (folder mode's per-file time limit) stops its work: the ABC parser looks at the token every
/// line and every 4096 elements of a line, the interpreter every 4096 elements, the MusicXML writer every measure.
/// </summary>
public class AbcCancellationTests
{
    private static string LongTune(int bars, bool oneLine)
    {
        var text = new StringBuilder("X:1\nL:1/8\nM:4/4\nK:C\n");
        for (var b = 0; b < bars; b++)
            text.Append("CDEF GABc|").Append(oneLine ? "" : "\n");
        return text.Append('\n').ToString();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the whole piece on one line: the parser must look inside the line too
    public void Parsing_stops_when_the_token_is_cancelled(bool oneLine)
    {
        var text = LongTune(5_000, oneLine);
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => AbcParser.Parse(text, "long.abc", cancel.Token));
        Assert.Equal(5_000, AbcInterpreter.Interpret(AbcParser.Parse(text, "long.abc").Tunes[0], "long.abc").Voices[0].Bars.Count);
    }

    [Fact]
    public void Interpreting_and_writing_stop_when_the_token_is_cancelled()
    {
        var text = LongTune(5_000, oneLine: false);
        var tune = AbcParser.Parse(text, "long.abc").Tunes[0];
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => AbcInterpreter.Interpret(tune, "long.abc", cancel.Token));
        Assert.Throws<OperationCanceledException>(() => tune.ToPlayedScoreEvents("long.abc", cancel.Token));
        Assert.Throws<OperationCanceledException>(() => AbcToMusicXml.FromAbc(text, "long.abc", cancel.Token));
    }

    [Fact]
    public void Writing_musicxml_stops_when_the_token_is_cancelled()
    {
        // The writer's own stage: after parsing and interpreting, a long tune took seconds (before a fix, minutes).
        var semantics = AbcInterpreter.Interpret(AbcParser.Parse(LongTune(5_000, oneLine: false), "long.abc").Tunes[0], "long.abc");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => AbcToMusicXml.FromSemantics(semantics, "long.abc", cancel: cancel.Token));
        Assert.Equal(5_000, AbcToMusicXml.FromSemantics(semantics, "long.abc").Descendants("measure").Count());
    }
}
