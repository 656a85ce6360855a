namespace Pangy.Core.Formats.Npy;

/// <summary>What a <c>.npy</c> preamble says.</summary>
public readonly record struct NpyHeaderInfo(string Descr, bool FortranOrder, long Length, int DataOffset);
