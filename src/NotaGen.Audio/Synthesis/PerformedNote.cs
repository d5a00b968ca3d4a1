namespace NotaGen.Audio.Synthesis;

/// <summary>
/// A note as it sounds: start and held time in seconds, the General MIDI program of its channel at its start, and
/// the part (track and channel) it belongs to, which decides where it sits in the stereo field.
/// </summary>
public sealed record PerformedNote(double Start, double Duration, int Key, int Velocity, int Program, bool IsPercussion, int Part);
