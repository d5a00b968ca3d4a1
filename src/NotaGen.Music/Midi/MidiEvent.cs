namespace NotaGen.Music.Midi;

/// <summary>
/// One event of a MIDI track at an absolute time in ticks from the start of the track. Absolute ticks (not the
/// file's delta times) so that tracks can be merged, sorted and compared directly.
/// </summary>
public abstract record MidiEvent(long Tick);

/// <summary>An event addressed to one of the 16 channels (0-based here; channel 10 of the GM percussion kit is 9).</summary>
public abstract record ChannelEvent(long Tick, int Channel) : MidiEvent(Tick);

/// <summary>A key pressed. A note-on with velocity 0 in a file is read as a <see cref="NoteOffEvent"/>.</summary>
public sealed record NoteOnEvent(long Tick, int Channel, int Key, int Velocity) : ChannelEvent(Tick, Channel);

public sealed record NoteOffEvent(long Tick, int Channel, int Key, int Velocity = 0) : ChannelEvent(Tick, Channel);

public sealed record PolyPressureEvent(long Tick, int Channel, int Key, int Pressure) : ChannelEvent(Tick, Channel);

public sealed record ControlChangeEvent(long Tick, int Channel, int Controller, int Value) : ChannelEvent(Tick, Channel);

/// <summary>Selects a General MIDI program (0-based: 0 is Acoustic Grand Piano).</summary>
public sealed record ProgramChangeEvent(long Tick, int Channel, int Program) : ChannelEvent(Tick, Channel);

public sealed record ChannelPressureEvent(long Tick, int Channel, int Pressure) : ChannelEvent(Tick, Channel);

/// <summary>Pitch wheel, 0..16383 with 8192 as the centre.</summary>
public sealed record PitchBendEvent(long Tick, int Channel, int Value) : ChannelEvent(Tick, Channel);
