namespace NotaGen.Music.Abc.Semantics;

/// <summary>MIDI velocities for dynamic marks, on abc2midi's scale (ppp 30 ... fff 127).</summary>
internal static class Dynamics
{
    public const int Default = 80;

    public static int? VelocityOf(string decoration) => decoration switch
    {
        "pppp" => 15,
        "ppp" => 30,
        "pp" => 45,
        "p" => 60,
        "mp" => 75,
        "mf" => 90,
        "f" => 105,
        "ff" => 120,
        "fff" or "ffff" => 127,
        _ => null,
    };
}
