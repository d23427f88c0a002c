import type { Connection } from '@/lib/types';
import { Badge } from './states';

export function ConnectionBadge({ connection, needsReauth }: { connection: Connection; needsReauth: boolean }) {
  if (needsReauth) return <Badge tone="amber">needs re-auth</Badge>;
  if (connection === 'connected_personal') return <Badge tone="green">connected</Badge>;
  if (connection === 'connected_shared') return <Badge tone="green">connected (shared by your role)</Badge>;
  if (connection === 'not_connected') return <Badge tone="red">not connected</Badge>;
  return <Badge tone="grey">no account needed</Badge>;
}
