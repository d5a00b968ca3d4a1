using System.Text;
using System.Xml;
using NotaGen.Music.MusicXml;
using Xunit;

namespace NotaGen.Music.Tests.MusicXml;

/// <summary>
/// A conversion given up on (folder mode's per-file time limit) must stop its work, not run on: the reader checks the
/// token as it builds the tree, the converter once per measure and per voice.
/// </summary>
public class MusicXmlCancellationTests
{
    private static string LongScore(int measures)
    {
        var body = new StringBuilder("<measure number=\"1\">").Append(MusicXmlFixtures.Attributes()).Append(MusicXmlFixtures.Note("C", 4, 8, "whole")).Append("</measure>");
        for (var m = 2; m <= measures; m++)
            body.Append("<measure number=\"").Append(m).Append("\">").Append(MusicXmlFixtures.Note("D", 4, 8, "whole")).Append("</measure>");
        return MusicXmlFixtures.Score(body.ToString());
    }

    /// <summary>Gives out its text in small pieces and cancels the token once the first piece has gone: the rest of the document must not be read.</summary>
    private sealed class CancellingReader(string text, CancellationTokenSource cancel) : TextReader
    {
        private int position;

        public int CharactersRead => position;

        public override int Read(char[] buffer, int index, int count)
        {
            if (position > 0)
                cancel.Cancel();
            var n = Math.Min(Math.Min(count, 1024), text.Length - position);
            text.CopyTo(position, buffer, index, n);
            position += n;
            return n;
        }

        public override int Read() => throw new NotSupportedException();
        public override int Peek() => -1;
    }

    [Fact]
    public void Reading_stops_soon_after_the_token_is_cancelled()
    {
        var xml = LongScore(20_000); // about 3 MB, 200,000 elements
        using var cancel = new CancellationTokenSource();
        var text = new CancellingReader(xml, cancel);
        using var reader = XmlReader.Create(text, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        Assert.Throws<OperationCanceledException>(() => ElementTreeBuilder.Build(reader, MusicXmlLoader.MaxElementDepth, "long.musicxml", cancel.Token));
        // One look at the token every 4096 elements: stopped well inside the document, not at its end.
        Assert.True(text.CharactersRead < xml.Length / 4, $"read {text.CharactersRead} of {xml.Length} characters after the cancellation");
    }

    [Fact]
    public void Converting_a_loaded_score_checks_the_token_per_measure()
    {
        var document = MusicXmlLoader.Parse(LongScore(50), "long.musicxml");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() => MusicXmlToAbc.Convert(document, "long.musicxml", cancel: cancel.Token));
        // Not cancelled, the same document converts.
        Assert.Contains("|", MusicXmlToAbc.Convert(document, "long.musicxml").Abc, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_file_stops_when_the_token_is_cancelled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"notagen-cancel-{Guid.NewGuid():N}.musicxml");
        File.WriteAllText(path, LongScore(2_000));
        try
        {
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            Assert.Throws<OperationCanceledException>(() => MusicXmlToAbc.ConvertFile(path, cancel: cancel.Token));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
