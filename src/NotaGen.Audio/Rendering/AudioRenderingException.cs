namespace NotaGen.Audio.Rendering;

/// <summary>Audio could not be rendered (a synthesizer missing or failing); the message says what to do.</summary>
public sealed class AudioRenderingException(string message) : Exception(message);
