export function testEventsPage(): string {
  return '<!doctype html><title>Test Events</title><p>pixelpair emulator</p>';
}
