// Top-level switch over the session phase.
import { useApp } from './context.ts';
import { BackupCodeView } from './auth/BackupCodeView.tsx';
import { LoginForm } from './auth/LoginForm.tsx';
import { NoBackupView } from './auth/NoBackupView.tsx';
import { RestoreView } from './auth/RestoreView.tsx';
import { SignupForm } from './auth/SignupForm.tsx';
import { WorkingView } from './auth/WorkingView.tsx';
import { MailboxView } from './mailbox/MailboxView.tsx';

export function App() {
  const { session } = useApp();
  switch (session.phase.value) {
    case 'boot':
    case 'working':
      return <WorkingView />;
    case 'signed-out':
      return session.authView.value === 'signup' ? <SignupForm /> : <LoginForm />;
    case 'backup-code':
      return <BackupCodeView />;
    case 'restore':
      return <RestoreView />;
    case 'no-backup':
      return <NoBackupView />;
    case 'mailbox':
      return <MailboxView />;
  }
}
