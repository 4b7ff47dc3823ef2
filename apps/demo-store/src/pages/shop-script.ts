/**
 * /shop.js: the storefront's own browser code, talking to pixelpair only through its
 * public script-tag API. It fires the page's events (ids minted by the server), hands
 * the ones with `collect` to the backend, wires the consent banner (and tells the server a
 * choice was stored, so it can set or remove its click-id cookie), and attaches the
 * captured context to every form post as hidden fields.
 */
export const SHOP_SCRIPT = `(function(){
'use strict';
var CONSENT_COOKIE='demo_consent';
function live(){var p=window.pixelpair;return p&&!Array.isArray(p)&&typeof p.track==='function';}
function whenReady(fn){var tries=0;(function poll(){if(live())return fn(window.pixelpair);if(++tries<400)setTimeout(poll,25);})();}
function readEvents(){try{return JSON.parse(document.getElementById('pp-events').textContent||'[]');}catch(e){return [];}}
function fire(pp,e){var id=pp.track(e.event,e.properties||{},{eventId:e.eventId});
  if(e.collect)pp.beacon({event:e.event,eventId:id||e.eventId,properties:e.properties||{},context:pp.context()});return id;}

function saveChoice(choice){
  // Cookies can be disabled or throw (sandboxed frames): the choice still applies to this page.
  try{document.cookie=CONSENT_COOKIE+'='+choice.adUserData+'.'+choice.adPersonalization+'; path=/; max-age=31536000; SameSite=Lax';}catch(e){}
  var banner=document.getElementById('consent-banner');if(banner)banner.hidden=true;
  var state={adUserData:choice.adUserData,adPersonalization:choice.adPersonalization,cmp:{name:'demo-banner',version:'1'}};
  if(live())window.pixelpair.consent(state);else window.pixelpair.push(['consent',state]);
  // After pixelpair has the decision: the server reads the stored choice from the cookie.
  try{fetch('/consent',{method:'POST',keepalive:true,credentials:'same-origin',headers:{'content-type':'application/x-www-form-urlencoded'},
    body:'page='+encodeURIComponent(location.href)}).catch(function(){});}catch(e){}
}
document.addEventListener('click',function(ev){
  var t=ev.target;var action=t&&t.getAttribute&&t.getAttribute('data-consent');if(!action)return;
  var g='granted',d='denied';
  if(action==='accept')saveChoice({adUserData:g,adPersonalization:g});
  else if(action==='reject')saveChoice({adUserData:d,adPersonalization:d});
  else if(action==='customise'){var options=document.getElementById('consent-options');options.hidden=!options.hidden;t.setAttribute('aria-expanded',String(!options.hidden));}
  else if(action==='save'){var box=document.getElementById('consent-options');
    saveChoice({adUserData:box.querySelector('[name=adUserData]').checked?g:d,adPersonalization:box.querySelector('[name=adPersonalization]').checked?g:d});}
});

document.addEventListener('submit',function(ev){
  var form=ev.target;if(!live()||!form||form.method!=='post')return;var pp=window.pixelpair;
  var name=form.getAttribute('data-track-event');
  if(name){var props={};try{props=JSON.parse(form.getAttribute('data-properties')||'{}');}catch(e){}
    var qty=form.querySelector('[name=quantity]');if(qty&&props.contents&&props.contents[0]){var n=Number(qty.value)||1;props.contents[0].quantity=n;props.value=Math.round(props.contents[0].price*n*100)/100;}
    fire(pp,{event:name,eventId:form.getAttribute('data-event-id'),properties:props,collect:true});}
  if(form.hasAttribute('data-identify')){var email=form.querySelector('[name=email]'),phone=form.querySelector('[name=phone]');
    var user={};if(email&&email.value)user.email=email.value;if(phone&&phone.value)user.phone=phone.value;pp.identify(user);}
  pp.addContextFields(form);
},true);

function readIdentity(){var el=document.getElementById('pp-identify');if(!el)return null;try{return JSON.parse(el.textContent||'null');}catch(e){return null;}}
whenReady(function(pp){var who=readIdentity();if(who)pp.identify(who);var events=readEvents();for(var i=0;i<events.length;i++)fire(pp,events[i]);window.__shopEventsFired=events.length;});
})();`;
