// Users, online now, and registrations per day as an SVG bar chart made of Preact elements.
import { useApp } from '../context.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { useLoad } from './useLoad.ts';

export function Dashboard() {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  const { data, error } = useLoad(() => controller.admin.stats(30), []);
  if (error) return <ErrorNote text={error} />;
  if (!data) return <p class="hint">{t('admin.loading')}</p>;
  return (
    <div data-testid="admin-dashboard">
      <dl class="stat-cards">
        <div><dt>{t('admin.stats.users')}</dt><dd data-testid="stat-users">{data.users.total}</dd></div>
        <div><dt>{t('admin.stats.online')}</dt><dd data-testid="stat-online">{data.online ?? '–'}</dd></div>
        <div><dt>{t('admin.stats.disabled')}</dt><dd>{data.users.disabled}</dd></div>
        <div><dt>{t('admin.stats.admins')}</dt><dd>{data.users.admins}</dd></div>
      </dl>
      <h3>{t('admin.stats.registrations')}</h3>
      <RegistrationsChart days={data.registrationsPerDay} label={t('admin.stats.registrations')} />
    </div>
  );
}

export function RegistrationsChart({ days, label }: { days: { day: string; count: number }[]; label: string }) {
  const W = 600;
  const H = 160;
  const pad = 24;
  const max = Math.max(1, ...days.map((d) => d.count));
  const bw = (W - pad * 2) / Math.max(days.length, 1);
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="registrations-chart">
      <line x1={pad} y1={H - pad} x2={W - pad} y2={H - pad} class="axis" />
      <text x={4} y={pad} class="chart-label">{max}</text>
      {days.map((d, i) => {
        const h = ((H - pad * 2) * d.count) / max;
        return (
          <rect key={d.day} x={pad + i * bw + 1} y={H - pad - h} width={Math.max(1, bw - 2)} height={h} class="bar" data-day={d.day} data-count={d.count}>
            <title>{`${d.day}: ${d.count}`}</title>
          </rect>
        );
      })}
      {days.length > 0 && <text x={pad} y={H - 6} class="chart-label">{days[0]!.day}</text>}
      {days.length > 1 && <text x={W - pad} y={H - 6} class="chart-label" text-anchor="end">{days[days.length - 1]!.day}</text>}
    </svg>
  );
}
