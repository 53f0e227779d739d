namespace ChatOpsSignin.Core.Hosting;

/// <summary>A room tells the host whether it is on and why, so start-up can say so in one place.</summary>
public sealed record RoomStatus(string Room, bool Enabled, string Why);
