export async function outboxSection() { return []; }
