namespace NotaGen.Music.NotaGenFormat;

/// <summary>One bar of one voice: its text (stripped) and the barline that closes it.</summary>
public sealed record Bar(string Text, string RightBarline);

/// <summary>
/// One voice split into bars the way NotaGen's format does it: a prefix (a leading run of pure inline fields
/// such as <c>[K:D]</c>), the barline before the first bar (often empty), then the bars.
/// </summary>
public sealed record VoiceBars(string Prefix, string LeftBarline, IReadOnlyList<Bar> Bars);
