import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { HistoryPoint } from "../api/types.ts";

const tick = (iso: string) =>
  new Date(iso).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric" });

/** Members at the end of each interval; loaded on its own, as the chart library is large. */
export default function SizeChart({ points }: { points: HistoryPoint[] }) {
  return (
    <ResponsiveContainer width="100%" height={220}>
      <AreaChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#d6dae1" />
        <XAxis dataKey="at" tickFormatter={tick} minTickGap={40} tick={{ fill: "#374151", fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fill: "#374151", fontSize: 12 }} width={48} />
        <Tooltip labelFormatter={(l) => tick(String(l))} />
        <Area
          type="stepAfter"
          dataKey="size"
          name="members"
          stroke="#1d4ed8"
          fill="#bfdbfe"
          isAnimationActive={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}
