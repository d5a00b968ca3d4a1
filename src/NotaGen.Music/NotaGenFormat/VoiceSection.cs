namespace NotaGen.Music.NotaGenFormat;

/// <summary>One voice of a standard (not interleaved) tune: its id (<c>1</c> for <c>V:1</c>) and its music lines.</summary>
public sealed record VoiceSection(string Id, string Text, int FirstLine)
{
    public VoiceBars SplitBars() => BarSplitter.Split(Text);
}
