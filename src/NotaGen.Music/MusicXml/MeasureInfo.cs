namespace NotaGen.Music.MusicXml;

/// <summary>The measure being read: divisions and meter in force, and the barline/signature text it contributes.</summary>
internal sealed class MeasureInfo(int part)
{
    public int Part { get; } = part;
    public int Index { get; set; }
    public string Number { get; set; } = "1";

    /// <summary>Divisions per quarter note; 0 until a &lt;divisions&gt; is seen.</summary>
    public long Divisions { get; set; }

    public (long Beats, long BeatType) Meter { get; set; } = (4, 4);
    public string Attributes { get; set; } = "";
    public string LeftBar { get; set; } = "";
    public string RightBar { get; set; } = "|";
    public string Volta { get; set; } = "";

    public void Reset()
    {
        Attributes = "";
        LeftBar = "";
        RightBar = "|";
        Volta = "";
    }
}
