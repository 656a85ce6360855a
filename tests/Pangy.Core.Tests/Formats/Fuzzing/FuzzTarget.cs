namespace Pangy.Core.Tests.Formats.Fuzzing;

/// <summary>
/// One reader under fuzzing: the valid inputs its cases are mutated from (name and bytes), and how to read a case the
/// way Pangy reads it (every record, every field a stage would touch). <see cref="NamesFile"/>: its errors must name the
/// file by the name given (false for messages and events, which name what they are).
/// </summary>
internal sealed record FuzzTarget(string Name, IReadOnlyList<(string Name, byte[] Bytes)> Seeds, Action<byte[], string, string> Read, bool NamesFile = true)
{
    public override string ToString() => Name;
}
