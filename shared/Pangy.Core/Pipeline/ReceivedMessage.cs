namespace Pangy.Core.Pipeline;

/// <summary>
/// A message received from an <see cref="IMessageQueue"/>: its text (decoded from the queue's base64), how many times
/// it has been received (this time included), and the receipt that proves the receiver holds it now.
/// </summary>
public sealed record ReceivedMessage(string Id, string PopReceipt, string Text, long DequeueCount, DateTimeOffset InsertedOn);
